import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadLocalConfig } from '../../scripts/lib/local-config';
import { auditHmac } from '@/server/audit/audit-hash';
import { recordAudit } from '@/server/audit/record-audit';
import { createDb, db, type Db } from '@/server/db';
import { startEmbeddedPostgres } from '@/server/db/embedded-postgres';
import { migrate } from '@/server/db/migrate';
import { createWorkspace } from '@/test/fixtures';

const root = path.resolve(import.meta.dirname, '../..');

/** The real `npx miniflow audit verify`, as a process: its exit code and output. */
async function verify(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/miniflow.mjs', 'audit', 'verify'],
      { cwd: root, env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const viaDatabaseUrl = () => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  MINIFLOW_AUDIT_KEY: process.env.MINIFLOW_AUDIT_KEY!,
});

async function recordSome(target: Db, workspaceId: string, count: number) {
  for (let i = 0; i < count; i += 1) {
    await target.$transaction((tx) =>
      recordAudit(tx, {
        workspaceId,
        actorId: null,
        action: `test.event_${i}`,
        targetType: 'test',
        data: { i },
      }),
    );
  }
  return target.auditEvent.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
}

/** What someone with database access but not the key can do: switch the trigger off. */
async function tamper(
  statement: (tx: Parameters<Parameters<Db['$transaction']>[0]>[0]) => Promise<unknown>,
) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`;
    await statement(tx);
    await tx.$executeRaw`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`;
  });
}

describe('miniflow audit verify', () => {
  it('exits 0 on intact chains, 1 naming the first broken link after tampering', async () => {
    const changed = await createWorkspace();
    const removed = await createWorkspace();
    const changedEvents = await recordSome(db, changed.id, 3);
    const removedEvents = await recordSome(db, removed.id, 3);

    const intact = await verify(viaDatabaseUrl());
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`ok     workspace ${changed.slug} (${changed.id}): 3 events`);
    expect(intact.stdout).toMatch(/Audit trail intact: 6 events in 2 chains/);

    // An edit that keeps the hash, and a removal from the middle of the chain.
    const edited = changedEvents[1]!;
    await tamper(
      (tx) =>
        tx.$executeRaw`UPDATE "AuditEvent" SET "data" = '{"i": 99}' WHERE "id" = ${edited.id}`,
    );
    await tamper(
      (tx) => tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${removedEvents[1]!.id}`,
    );

    const broken = await verify(viaDatabaseUrl());
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      `BROKEN workspace ${changed.slug} (${changed.id}): event ${edited.id} (test.event_1, ${edited.createdAt.toISOString()}): its hash does not match its content`,
    );
    expect(broken.stdout).toContain(
      `BROKEN workspace ${removed.slug} (${removed.id}): event ${removedEvents[2]!.id} (test.event_2, ${removedEvents[2]!.createdAt.toISOString()}): its previous hash does not match event ${removedEvents[0]!.id}`,
    );
    expect(broken.stdout).toMatch(/Audit trail broken in 2 of 2 chains/);
  }, 60_000);

  it('finds a row re-hashed without the key', async () => {
    const ws = await createWorkspace();
    const [, last] = await recordSome(db, ws.id, 2);
    const forged = { ...last!, action: 'test.forged' };
    const wrongKeyHash = auditHmac(
      'a-guessed-key-a-guessed-key-a-guessed',
      last!.prevHash,
      forged,
      last!.createdAt,
    );
    await tamper(
      (tx) =>
        tx.$executeRaw`UPDATE "AuditEvent" SET "action" = 'test.forged', "hash" = ${wrongKeyHash} WHERE "id" = ${last!.id}`,
    );
    const result = await verify(viaDatabaseUrl());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`event ${last!.id} (test.forged,`);
  }, 60_000);

  it('warns when the append-only trigger is switched off', async () => {
    await db.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`;
    try {
      const result = await verify(viaDatabaseUrl());
      expect(result.stderr).toContain(
        'the append-only triggers of "AuditEvent" are missing or disabled',
      );
    } finally {
      await db.$executeRaw`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`;
    }
    expect((await verify(viaDatabaseUrl())).stderr).toBe('');
  }, 60_000);

  it('uses the embedded database npm start runs in MINIFLOW_DATA_DIR, and says when it is not running', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'miniflow-audit-cli-'));
    await chmod(dataDir, 0o755);
    const env = { MINIFLOW_DATA_DIR: dataDir };
    try {
      const none = await verify(env);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(`${dataDir} holds no MiniFlow data folder`);

      // As scripts/start.ts sets it up: config.json with the generated secrets, then the server.
      const local = await loadLocalConfig(dataDir);
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'pg'),
        password: local.postgresPassword,
        port: local.postgresPort,
        ephemeral: true,
      });
      try {
        await migrate(pg.url);
        const embedded = createDb(pg.url, 1);
        const previousKey = process.env.MINIFLOW_AUDIT_KEY;
        process.env.MINIFLOW_AUDIT_KEY = local.auditKey;
        try {
          const ws = await embedded.workspace.create({ data: { slug: 'embedded', name: 'E' } });
          await recordSome(embedded, ws.id, 2);
        } finally {
          process.env.MINIFLOW_AUDIT_KEY = previousKey;
          await embedded.$disconnect();
        }
        const running = await verify(env);
        expect(running.stderr).toBe('');
        expect(running.stdout).toContain('ok     workspace embedded');
        expect(running.code).toBe(0);
      } finally {
        await pg.stop();
      }

      const stopped = await verify(env);
      expect(stopped.code).toBe(2);
      expect(stopped.stderr).toContain(`PostgreSQL is not running in ${path.join(dataDir, 'pg')}`);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
