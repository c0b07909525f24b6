import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener, runListener, workspaceKey } from '@/server/events/run-listener';
import type { RunNotice } from '@/server/runtime/notify';
import { callerFor, createMember, createUser, createWorkspace } from '@/test/fixtures';
import { edge, node, publish, startRun } from '@/test/runtime-fixtures';

afterAll(closeRunListener);

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function ownedWorkspace(name = 'Acme') {
  const user = await createUser();
  const caller = callerFor(user.id, null);
  const workspace = await caller.workspace.create({ name });
  return { user, workspace, as: callerFor(user.id, workspace.slug) };
}

const audit = (workspaceId: string, action: string) =>
  db.auditEvent.findMany({ where: { workspaceId, action } });

describe('workspaces', () => {
  it('any signed-in user creates one, becomes its owner, and gets a fresh slug', async () => {
    const { user, workspace, as } = await ownedWorkspace('Acme & Co.');
    expect(workspace.slug).toBe('acme-co');
    expect(await as.workspace.current()).toMatchObject({ name: 'Acme & Co.', role: 'owner' });
    const again = await callerFor(user.id, null).workspace.create({ name: 'Acme & Co.' });
    expect(again.slug).toMatch(/^acme-co-[0-9a-f]{6}$/);
    const mine = await callerFor(user.id, null).workspace.mine();
    expect(mine.map((w) => w.slug)).toEqual([workspace.slug, again.slug]);
    expect(await audit(workspace.id, 'workspace.created')).toHaveLength(1);
    expect(await codeOf(callerFor(null, null).workspace.create({ name: 'x' }))).toBe(
      'UNAUTHORIZED',
    );
  });

  it('refuses text with a NUL character as bad input, naming the field, and writes nothing', async () => {
    const user = await createUser();
    const error = await callerFor(user.id, null)
      .workspace.create({ name: 'Acme\u0000' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'name: must not contain NUL characters',
    });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it('only an owner renames it; the slug stays', async () => {
    const { workspace, as } = await ownedWorkspace('Before');
    const admin = callerFor((await createMember(workspace.id, 'admin')).id, workspace.slug);
    expect(await codeOf(admin.workspace.rename({ name: 'Hijacked' }))).toBe('FORBIDDEN');
    expect(await as.workspace.rename({ name: 'After' })).toEqual({
      id: workspace.id,
      slug: workspace.slug,
      name: 'After',
    });
    const [event] = await audit(workspace.id, 'workspace.renamed');
    expect(event?.data).toEqual({ from: 'Before', to: 'After' });
    expect(await codeOf(as.workspace.rename({ name: '  ' }))).toBe('BAD_REQUEST');
  });

  it('an owner hands ownership to a member and stays on as an admin', async () => {
    const { user, workspace, as } = await ownedWorkspace();
    const editor = await createMember(workspace.id, 'editor');
    const admin = callerFor((await createMember(workspace.id, 'admin')).id, workspace.slug);
    const target = (await as.member.list()).find((m) => m.userId === editor.id)!;
    expect(await codeOf(admin.workspace.transferOwnership({ membershipId: target.id }))).toBe(
      'FORBIDDEN',
    );
    const mine = (await as.member.list()).find((m) => m.userId === user.id)!;
    expect(await codeOf(as.workspace.transferOwnership({ membershipId: mine.id }))).toBe(
      'BAD_REQUEST',
    );
    await as.workspace.transferOwnership({ membershipId: target.id });
    const roles = Object.fromEntries((await as.member.list()).map((m) => [m.userId, m.role]));
    expect(roles[editor.id]).toBe('owner');
    expect(roles[user.id]).toBe('admin');
    expect(await codeOf(as.workspace.rename({ name: 'No longer mine' }))).toBe('FORBIDDEN');
    expect(await audit(workspace.id, 'workspace.ownership_transferred')).toHaveLength(1);
  });

  it('ids of another workspace are not found', async () => {
    const { as } = await ownedWorkspace();
    const other = await createWorkspace();
    const stranger = await createMember(other.id, 'editor');
    const foreign = await db.membership.findFirstOrThrow({ where: { userId: stranger.id } });
    expect(await codeOf(as.workspace.transferOwnership({ membershipId: foreign.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await db.membership.findUniqueOrThrow({ where: { id: foreign.id } })).role).toBe(
      'editor',
    );
  });

  it('deleting needs its name typed, stops its triggers, cancels its runs through the runtime, then removes it', async () => {
    const { user, workspace, as } = await ownedWorkspace('Doomed');
    const actor = { userId: user.id, workspaceId: workspace.id, role: 'owner' as const };
    await publish(actor, {
      name: 'Hourly',
      nodes: [node('tick', 'cron', { expression: '0 * * * *' }), node('work', 'noop')],
      edges: [edge('tick', 'work')],
    });
    await publish(actor, {
      name: 'Hook',
      nodes: [node('hook', 'webhook', { path: 'doomed/hook' }), node('work', 'noop')],
      edges: [edge('hook', 'work')],
    });
    // Waits for a worker (none runs here), so it is still running when the workspace goes.
    const { workflowId } = await publish(actor, {
      name: 'Pending',
      nodes: [node('start', 'manual'), node('c', 'code', { code: 'return 1;' })],
      edges: [edge('start', 'c')],
    });
    const run = await startRun(actor, workflowId);
    const viewer = await createMember(workspace.id, 'viewer');
    const admin = callerFor((await createMember(workspace.id, 'admin')).id, workspace.slug);
    expect(await db.schedule.count({ where: { workspaceId: workspace.id } })).toBe(1);
    expect(await db.webhook.count({ where: { workspaceId: workspace.id } })).toBe(1);

    expect(await codeOf(admin.workspace.delete({ confirmName: 'Doomed' }))).toBe('FORBIDDEN');
    const wrong = await as.workspace.delete({ confirmName: 'doomed' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TRPCError);
    expect((wrong as TRPCError).message).toContain('confirmName');

    const notices: RunNotice[] = [];
    const unsubscribe = runListener().subscribe(workspaceKey(workspace.id), (n) => {
      if (n) notices.push(n);
    });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await as.workspace.delete({ confirmName: 'Doomed' })).toEqual({
        id: workspace.id,
        cancelledRuns: 1,
      });
      const deadline = Date.now() + 5_000;
      while (!notices.some((n) => n.runId === run.runId) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      unsubscribe();
    }
    // The runtime applied the cancellation (and announced it) before the data went.
    expect(notices.find((n) => n.runId === run.runId)?.status).toBe('cancelled');

    expect(await db.run.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await db.schedule.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await db.webhook.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await db.workflow.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await db.membership.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await codeOf(as.workspace.current())).toBe('NOT_FOUND');
    expect(await callerFor(user.id, null).workspace.mine()).toEqual([]);
    const [event] = await audit(workspace.id, 'workspace.deleted');
    expect(event?.data).toMatchObject({ cancelledRuns: 1, schedules: 1, webhooks: 1 });
    // Members left without a workspace are signed out; the owner stays to create another.
    const version = async (id: string) =>
      (await db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
    expect(await version(viewer.id)).toBe(1);
    expect(await version(user.id)).toBe(0);
    // The slug is never handed to another workspace.
    const next = await callerFor(user.id, null).workspace.create({ name: 'Doomed' });
    expect(next.slug).not.toBe(workspace.slug);
  });
});
