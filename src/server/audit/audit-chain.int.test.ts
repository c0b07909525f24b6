import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { createWorkspace } from '@/test/fixtures';
import { auditHmac, GENESIS, legacyAuditHash } from './audit-hash';
import { recordAudit } from './record-audit';
import { sealLegacyAuditChains } from './seal-legacy-chains';
import { verifyAllAuditChains, verifyAuditChain } from './verify-audit-chain';

const key = () => process.env.MINIFLOW_AUDIT_KEY!;

async function record(workspaceId: string | null, action: string, data = {}) {
  await db.$transaction((tx) =>
    recordAudit(tx, { workspaceId, actorId: null, action, targetType: 'test', data }),
  );
}

async function chainOf(workspaceId: string) {
  return db.auditEvent.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('the keyed audit chain', () => {
  it('hashes each event with an HMAC of the server key, not a bare hash', async () => {
    const ws = await createWorkspace();
    await record(ws.id, 'test.one', { b: 1, a: [2, { d: 3, c: 4 }] });
    await record(ws.id, 'test.two');
    const [first, second] = await chainOf(ws.id);
    expect(first!.prevHash).toBe(GENESIS);
    expect(second!.prevHash).toBe(first!.hash);
    for (const event of [first!, second!]) {
      expect(event.hash).toBe(auditHmac(key(), event.prevHash, event, event.createdAt));
      expect(event.hash).not.toBe(legacyAuditHash(event.prevHash, event, event.createdAt));
    }
    expect(await verifyAuditChain(db, key(), ws.id)).toEqual({
      workspaceId: ws.id,
      checked: 2,
      broken: null,
    });
  });

  it('does not verify under another key', async () => {
    const ws = await createWorkspace();
    await record(ws.id, 'test.keyed');
    const [event] = await chainOf(ws.id);
    const report = await verifyAuditChain(db, 'another-key-another-key-another-key', ws.id);
    expect(report.broken).toMatchObject({
      eventId: event!.id.toString(),
      problem: expect.stringMatching(/hash does not match its content/),
    });
  });

  it('keeps events without a workspace in the system chain', async () => {
    await record(null, 'test.system');
    await record(null, 'test.system');
    const system = (await verifyAllAuditChains(db, key())).find((r) => r.workspaceId === null);
    expect(system).toMatchObject({ broken: null });
    expect(system!.checked).toBeGreaterThanOrEqual(2);
  });
});

describe('append-only in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const ws = await createWorkspace();
    await record(ws.id, 'test.kept');
    const [event] = await chainOf(ws.id);
    const update = await errorOf(
      db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'test.changed' WHERE "id" = ${event!.id}`,
    );
    expect(update.message).toMatch(/AuditEvent is append-only: UPDATE of event \d+ refused/);
    const remove = await errorOf(
      db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${event!.id}`,
    );
    expect(remove.message).toMatch(/AuditEvent is append-only: DELETE of event \d+ refused/);
    const truncate = await errorOf(db.$executeRaw`TRUNCATE "AuditEvent"`);
    expect(truncate.message).toMatch(/TRUNCATE refused/);
    expect(await chainOf(ws.id)).toEqual([event]);
  });

  it('refuses to delete a workspace that has events, even with the former purge setting', async () => {
    const ws = await createWorkspace();
    await record(ws.id, 'test.kept');
    const refused = await errorOf(db.workspace.delete({ where: { id: ws.id } }));
    expect(refused.message).toMatch(/append-only/);
    const purge = await errorOf(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('miniflow.audit_purge', ${ws.id}, true)`;
        await tx.auditEvent.deleteMany({ where: { workspaceId: ws.id } });
      }),
    );
    expect(purge.message).toMatch(/append-only/);
    expect(await chainOf(ws.id)).toHaveLength(1);
  });
});

describe('events recorded before the chain was keyed', () => {
  /** Writes events the way earlier versions did: bare SHA-256, no client address. */
  async function recordLegacy(workspaceId: string, actions: string[]) {
    let prevHash = (await chainOf(workspaceId)).at(-1)?.hash ?? GENESIS;
    for (const action of actions) {
      const createdAt = new Date();
      const event = {
        workspaceId,
        actorId: null,
        action,
        targetType: 'test',
        targetId: null,
        data: {},
        ip: null,
      };
      const hash = legacyAuditHash(prevHash, event, createdAt);
      await db.auditEvent.create({ data: { ...event, prevHash, hash, createdAt } });
      prevHash = hash;
    }
  }

  it('verify once a keyed event seals them, and only then', async () => {
    const ws = await createWorkspace();
    await recordLegacy(ws.id, ['old.one', 'old.two']);
    const [oldest] = await chainOf(ws.id);
    expect((await verifyAuditChain(db, key(), ws.id)).broken).toMatchObject({
      eventId: oldest!.id.toString(),
      problem: expect.stringMatching(/no keyed event seals it/),
    });

    expect(await sealLegacyAuditChains(db)).toContain(ws.id);
    expect(await sealLegacyAuditChains(db)).not.toContain(ws.id);
    await record(ws.id, 'new.one');
    const events = await chainOf(ws.id);
    expect(events.map((e) => e.action)).toEqual([
      'old.one',
      'old.two',
      'audit.chain_sealed',
      'new.one',
    ]);
    expect(await verifyAuditChain(db, key(), ws.id)).toMatchObject({ checked: 4, broken: null });
  });

  it('do not verify when rewritten with recomputed bare hashes after the seal', async () => {
    const ws = await createWorkspace();
    await recordLegacy(ws.id, ['old.one', 'old.two']);
    await sealLegacyAuditChains(db);
    const [first, second, seal] = await chainOf(ws.id);
    // An attacker with database access but not the key rewrites the unkeyed part.
    const forgedFirst = { ...first!, action: 'old.forged' };
    const forgedFirstHash = legacyAuditHash(GENESIS, forgedFirst, first!.createdAt);
    const forgedSecondHash = legacyAuditHash(forgedFirstHash, second!, second!.createdAt);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "action" = 'old.forged', "hash" = ${forgedFirstHash} WHERE "id" = ${first!.id}`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "prevHash" = ${forgedFirstHash}, "hash" = ${forgedSecondHash} WHERE "id" = ${second!.id}`;
      await tx.$executeRaw`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`;
    });
    expect((await verifyAuditChain(db, key(), ws.id)).broken).toMatchObject({
      eventId: seal!.id.toString(),
      problem: expect.stringMatching(/previous hash does not match event/),
    });
  });
});
