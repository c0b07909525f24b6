import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocalConfig } from './local-config';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('loadLocalConfig', () => {
  it('generates the audit key on the first start and keeps it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'miniflow-config-'));
    const first = await loadLocalConfig(dir);
    expect(first.auditKey).toMatch(/^[\w-]{43}$/);
    expect(first.auditKeyIsNew).toBe(true);
    const again = await loadLocalConfig(dir);
    expect(again).toEqual({ ...first, auditKeyIsNew: false });
  });

  it('adds an audit key to the config of an older installation, once', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'miniflow-config-'));
    const older = { postgresPassword: 'pw', postgresPort: 54329, authSecret: 'secret' };
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(older));
    const upgraded = await loadLocalConfig(dir);
    expect(upgraded).toMatchObject({ ...older, auditKeyIsNew: true });
    const stored = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as object;
    expect(stored).toEqual({ ...older, auditKey: upgraded.auditKey });
    expect((await loadLocalConfig(dir)).auditKeyIsNew).toBe(false);
  });
});
