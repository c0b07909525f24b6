import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ZodError } from 'zod';
import { recordAudit } from '@/server/audit/record-audit';
import { recordSignIn, recordSignInFailure } from '@/server/audit/record-sign-in';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { createDb, db } from '@/server/db';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected a TRPCError');
}

async function record(workspaceId: string, event: Partial<Parameters<typeof recordAudit>[1]>) {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      workspaceId,
      actorId: null,
      action: 'test.event',
      targetType: 'test',
      ...event,
    }),
  );
}

let a: { id: string; slug: string };
let b: { id: string; slug: string };
let adminA: { id: string; email: string };
let adminB: { id: string; email: string };

beforeAll(async () => {
  a = await createWorkspace();
  b = await createWorkspace();
  adminA = await createMember(a.id, 'admin');
  adminB = await createMember(b.id, 'admin');
});

describe('audit procedures', () => {
  it('record the client address of the tRPC request with the event', async () => {
    const member = await createMember(a.id, 'viewer');
    const membership = await db.membership.findFirstOrThrow({
      where: { workspaceId: a.id, userId: member.id },
    });
    const caller = createCaller(
      createContext({ userId: adminA.id, workspaceSlug: a.slug, clientAddress: '203.0.113.7' }),
    );
    await caller.member.updateRole({ membershipId: membership.id, role: 'operator' });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: a.id, action: 'member.role_changed', targetId: membership.id },
    });
    expect(event.ip).toBe('203.0.113.7');

    const { events } = await caller.audit.list({ filters: { target: membership.id } });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'member.role_changed',
        actor: { id: adminA.id, email: adminA.email },
        targetType: 'membership',
        targetId: membership.id,
        ip: '203.0.113.7',
        data: { from: 'viewer', to: 'operator' },
      }),
    ]);
  });

  it('filter by action prefix, actor email, target and dates, newest first in keyset pages', async () => {
    const ws = await createWorkspace();
    const admin = await createMember(ws.id, 'admin');
    const other = await createMember(ws.id, 'editor');
    for (let i = 0; i < 5; i += 1) {
      await record(ws.id, { actorId: admin.id, action: 'page.step', targetId: `t${i}` });
    }
    await record(ws.id, { actorId: other.id, action: 'other.thing', targetType: 'workflow' });
    const caller = callerFor(admin.id, ws.slug);

    const first = await caller.audit.list({ filters: { action: 'page.' }, limit: 2 });
    expect(first.events.map((e) => e.targetId)).toEqual(['t4', 't3']);
    const second = await caller.audit.list({
      filters: { action: 'page.' },
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.events.map((e) => e.targetId)).toEqual(['t2', 't1']);
    const last = await caller.audit.list({
      filters: { action: 'page.' },
      limit: 2,
      cursor: second.nextCursor!,
    });
    expect(last.events.map((e) => e.targetId)).toEqual(['t0']);
    expect(last.nextCursor).toBeNull();

    const byActor = await caller.audit.list({ filters: { actor: other.email.toUpperCase() } });
    expect(byActor.events.map((e) => e.action)).toEqual(['other.thing']);
    const byType = await caller.audit.list({ filters: { target: 'workflow' } });
    expect(byType.events.map((e) => e.action)).toEqual(['other.thing']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await caller.audit.list({ filters: { from: future } })).events).toEqual([]);
    expect((await caller.audit.list({ filters: { to: future } })).events).toHaveLength(6);
    const backwards = await errorOf(
      caller.audit.list({ filters: { from: future, to: new Date().toISOString() } }),
    );
    expect(backwards.code).toBe('BAD_REQUEST');
    expect((backwards.cause as ZodError).issues[0]).toMatchObject({
      path: ['filters', 'to'],
      message: 'must be after from',
    });
  });

  it('export the filtered events as CSV with escaped, formula-safe cells', async () => {
    const ws = await createWorkspace();
    const admin = await createMember(ws.id, 'admin');
    await record(ws.id, {
      actorId: admin.id,
      action: 'workflow.renamed',
      targetType: 'workflow',
      targetId: '=HYPERLINK("http://evil.test","x")',
      data: { name: 'a, "quoted"\nname' },
      ip: '@10.0.0.1',
    });
    await record(ws.id, { action: 'not.exported' });
    const { csv, filename, count } = await callerFor(admin.id, ws.slug).audit.exportCsv({
      filters: { action: 'workflow.' },
    });
    expect(filename).toBe(`audit-${ws.slug}.csv`);
    expect(count).toBe(1);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'id,time,actor,actor_id,action,target_type,target_id,client_address,details',
    );
    expect(row).toContain(`,${admin.email},${admin.id},workflow.renamed,workflow,`);
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.test"",""x"")",'@10.0.0.1,`);
    expect(row).toMatch(/,"\{""name"":""a, \\""quoted\\""\\nname""\}"$/);
    expect(end).toBe('');
  });

  it('verify the workspace chain and name the first broken link', async () => {
    const ws = await createWorkspace();
    const admin = await createMember(ws.id, 'admin');
    await record(ws.id, { action: 'one' });
    await record(ws.id, { action: 'two' });
    const caller = callerFor(admin.id, ws.slug);
    expect(await caller.audit.verify()).toEqual({ intact: true, checked: 2, broken: null });
    const [first] = await db.auditEvent.findMany({
      where: { workspaceId: ws.id },
      orderBy: { id: 'asc' },
    });
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`;
      await tx.$executeRaw`UPDATE "AuditEvent" SET "action" = 'changed' WHERE "id" = ${first!.id}`;
      await tx.$executeRaw`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`;
    });
    const report = await caller.audit.verify();
    expect(report.intact).toBe(false);
    expect(report.broken).toMatchObject({
      eventId: first!.id.toString(),
      action: 'changed',
      problem: expect.stringMatching(/hash does not match its content/),
    });
    // Another workspace's broken chain is not this one's.
    expect((await callerFor(adminA.id, a.slug).audit.verify()).intact).toBe(true);
  });
});

describe('the audit trail is scoped to the workspace', () => {
  it("never lists or exports another workspace's events", async () => {
    await record(b.id, { action: 'secret.of_b', targetId: 'b-target' });
    const callerA = callerFor(adminA.id, a.slug);
    const listed = await callerA.audit.list({ filters: {}, limit: 200 });
    expect(listed.events.some((e) => e.action === 'secret.of_b')).toBe(false);
    expect((await callerA.audit.list({ filters: { target: 'b-target' } })).events).toEqual([]);
    expect((await callerA.audit.exportCsv({ filters: {} })).csv).not.toContain('secret.of_b');
  });

  it("answers NOT_FOUND for a cursor that is another workspace's event", async () => {
    await record(b.id, { action: 'cursor.of_b' });
    const foreign = await db.auditEvent.findFirstOrThrow({
      where: { workspaceId: b.id, action: 'cursor.of_b' },
    });
    const error = await errorOf(
      callerFor(adminA.id, a.slug).audit.list({ cursor: foreign.id.toString() }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^cursor: audit event not found/);
    // The same cursor is valid where it belongs.
    await expect(
      callerFor(adminB.id, b.slug).audit.list({ cursor: foreign.id.toString() }),
    ).resolves.toMatchObject({ nextCursor: null });
  });

  it('refuses a cursor too large for an event id as bad input, not a server error', async () => {
    const error = await errorOf(
      callerFor(adminA.id, a.slug).audit.list({ cursor: '9999999999999999999' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('is not an audit event id');
  });

  it('refuses members below admin, and a workspace the caller is not in', async () => {
    const editor = await createMember(a.id, 'editor');
    const calls = (caller: ReturnType<typeof callerFor>) => [
      () => caller.audit.list({}),
      () => caller.audit.exportCsv({}),
      () => caller.audit.verify(),
    ];
    for (const call of calls(callerFor(editor.id, a.slug))) {
      expect((await errorOf(call())).code).toBe('FORBIDDEN');
    }
    for (const call of calls(callerFor(adminA.id, b.slug))) {
      expect((await errorOf(call())).code).toBe('NOT_FOUND');
    }
  });
});

describe('sign-ins', () => {
  it("are recorded in each of the account's workspaces, with the client address", async () => {
    const user = await createMember(a.id, 'viewer');
    await db.membership.create({ data: { workspaceId: b.id, userId: user.id, role: 'editor' } });
    await recordSignIn(db, {
      email: user.email,
      userId: user.id,
      succeeded: true,
      clientAddress: '198.51.100.4',
    });
    recordSignInFailure(db, { email: user.email, clientAddress: '198.51.100.5' });
    for (const ws of [a, b]) {
      await vi.waitFor(async () => {
        const events = await db.auditEvent.findMany({
          where: { workspaceId: ws.id, targetId: user.id },
          orderBy: { id: 'asc' },
        });
        expect(events.map((e) => [e.action, e.actorId, e.ip])).toEqual([
          ['auth.signed_in', user.id, '198.51.100.4'],
          ['auth.sign_in_failed', null, '198.51.100.5'],
        ]);
      });
    }
  });

  it('that fail in a burst are written one batch at a time, leaving the pool to the app', async () => {
    const user = await createMember(a.id, 'viewer');
    // Two connections: attempts each in their own transaction would take both, queued on
    // the chain's lock, and the query below would wait for the whole burst.
    const small = createDb(process.env.DATABASE_URL!, 2);
    const count = () =>
      db.auditEvent.count({ where: { targetId: user.id, action: 'auth.sign_in_failed' } });
    try {
      for (let i = 0; i < 60; i++) {
        recordSignInFailure(small, { email: user.email, clientAddress: `198.51.100.${i}` });
      }
      await small.$queryRaw`SELECT 1`;
      expect(await count()).toBeLessThan(60);
      await vi.waitFor(async () => expect(await count()).toBe(60), { timeout: 10_000 });
      const trail = await db.auditEvent.findMany({
        where: { targetId: user.id, action: 'auth.sign_in_failed' },
        orderBy: { id: 'asc' },
      });
      expect(trail.map((e) => e.ip)).toEqual(
        Array.from({ length: 60 }, (_, i) => `198.51.100.${i}`),
      );
      const report = await verifyAuditChain(db, process.env.MINIFLOW_AUDIT_KEY!, a.id);
      expect(report.broken).toBeNull();
    } finally {
      await small.$disconnect();
    }
  });

  it('of an email without an account go to the system chain', async () => {
    recordSignInFailure(db, { email: 'nobody@example.com', clientAddress: '198.51.100.9' });
    await vi.waitFor(async () => {
      const event = await db.auditEvent.findFirstOrThrow({
        where: { workspaceId: null, action: 'auth.sign_in_failed' },
        orderBy: { id: 'desc' },
      });
      expect(event).toMatchObject({
        targetId: null,
        data: { email: 'nobody@example.com' },
        ip: '198.51.100.9',
      });
    });
  });
});
