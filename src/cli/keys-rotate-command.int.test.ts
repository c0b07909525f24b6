import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { open, seal } from '@/server/secrets/envelope';
import { keyringPath, loadKeyring, readKeyringFile } from '@/server/secrets/master-keyring';
import { createWorkspace } from '@/test/fixtures';

const root = path.resolve(import.meta.dirname, '../..');

/** The real `npx miniflow keys rotate`, as a process. */
async function rotate(env: Record<string, string>) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/miniflow.mjs', 'keys', 'rotate'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL!,
        ...env,
      },
    },
  );
  return stdout;
}

/** Credentials sealed under the data folder's key, as a server using it writes them. */
async function seedCredentials(dataDir: string, count: number) {
  const keyring = loadKeyring({ dataDir });
  const seeded: { id: string; workspaceId: string; value: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const workspace = await createWorkspace();
    const id = `cred_rotate_${i}_${Math.random().toString(36).slice(2)}`;
    const value = `value-${i}-${Math.random()}`;
    const sealed = seal(
      keyring,
      { workspaceId: workspace.id, credentialId: id, version: 1 },
      { value },
    );
    await db.credential.create({
      data: { id, workspaceId: workspace.id, name: `S${i}`, type: 'secret', ...sealed },
    });
    seeded.push({ id, workspaceId: workspace.id, value });
  }
  return { keyring, seeded };
}

describe('miniflow keys rotate', () => {
  it('re-wraps every data key under a new master key; every credential still reads', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-rotate-'));
    const { keyring: before, seeded } = await seedCredentials(dataDir, 5);
    const output = await rotate({ MINIFLOW_DATA_DIR: dataDir });
    const after = readKeyringFile(dataDir)!;
    expect(after.current.id).not.toBe(before.current.id);
    expect(output).toContain(after.current.id);
    expect(output).not.toContain(after.current.key.toString('base64'));
    // The old key is gone from the file: nothing is wrapped by it any more.
    expect(after.byId.has(before.current.id)).toBe(false);
    expect((await stat(keyringPath(dataDir))).mode & 0o777).toBe(0o600);
    expect(await readFile(keyringPath(dataDir), 'utf8')).not.toContain(
      before.current.key.toString('base64'),
    );
    const rows = await db.credential.findMany({ where: { id: { in: seeded.map((s) => s.id) } } });
    expect(rows).toHaveLength(seeded.length);
    for (const row of rows) {
      expect(row.masterKeyId).toBe(after.current.id);
      const context = { workspaceId: row.workspaceId, credentialId: row.id, version: row.version };
      expect(open(after, context, row)).toEqual({
        value: seeded.find((s) => s.id === row.id)!.value,
      });
    }
  });

  it('re-wraps under MINIFLOW_MASTER_KEY with the old key as previous', async () => {
    const oldKey = Buffer.alloc(32, 7).toString('base64');
    const newKey = Buffer.alloc(32, 9).toString('hex');
    // The other test's credentials are under a key this installation never had.
    await db.credential.deleteMany({});
    const dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-rotate-env-'));
    const oldRing = loadKeyring({ dataDir, masterKey: oldKey });
    const workspace = await createWorkspace();
    const id = `cred_env_${Math.random().toString(36).slice(2)}`;
    const sealed = seal(
      oldRing,
      { workspaceId: workspace.id, credentialId: id, version: 1 },
      { value: 'v' },
    );
    await db.credential.create({
      data: { id, workspaceId: workspace.id, name: 'E', type: 'secret', ...sealed },
    });
    await rotate({
      MINIFLOW_DATA_DIR: dataDir,
      MINIFLOW_MASTER_KEY: newKey,
      MINIFLOW_MASTER_KEY_PREVIOUS: oldKey,
    });
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    const newRing = loadKeyring({ dataDir, masterKey: newKey });
    expect(row.masterKeyId).toBe(newRing.current.id);
    expect(open(newRing, { workspaceId: workspace.id, credentialId: id, version: 1 }, row)).toEqual(
      { value: 'v' },
    );
  });
});
