import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { db } from '@/server/db';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';

let editor: ReturnType<typeof callerFor>;
let viewer: ReturnType<typeof callerFor>;
let workspaceId: string;

beforeAll(async () => {
  const ws = await createWorkspace();
  workspaceId = ws.id;
  editor = callerFor((await createMember(ws.id, 'editor')).id, ws.slug);
  viewer = callerFor((await createMember(ws.id, 'viewer')).id, ws.slug);
});

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe('workflows', () => {
  it('creates, lists, renames and deletes a workflow', async () => {
    const created = await editor.workflow.create({ name: '  Nightly report  ' });
    expect(created.name).toBe('Nightly report');
    expect((await viewer.workflow.list()).map((w) => w.name)).toContain('Nightly report');

    const renamed = await editor.workflow.rename({ id: created.id, name: 'Daily report' });
    expect(renamed.name).toBe('Daily report');
    const full = await viewer.workflow.get({ id: created.id });
    expect((full.draft as { name: string }).name).toBe('Daily report');
    expect(full.draftRevision).toBe(1);

    await editor.workflow.delete({ id: created.id });
    expect((await viewer.workflow.list()).map((w) => w.id)).not.toContain(created.id);
  });

  it('refuses empty and overlong names, naming the field', async () => {
    const empty = await rejection(editor.workflow.create({ name: '   ' }));
    expect(empty.code).toBe('BAD_REQUEST');
    const long = await rejection(editor.workflow.create({ name: 'x'.repeat(10_000) }));
    expect(long.code).toBe('BAD_REQUEST');
    expect(long.cause?.message ?? long.message).toMatch(/name/);
  });

  it('refuses malformed input', async () => {
    const error = await rejection(
      editor.workflow.create({ name: 42 } as unknown as { name: string }),
    );
    expect(error.code).toBe('BAD_REQUEST');
  });

  it('refuses values the database cannot store instead of failing the write', async () => {
    const wf = await editor.workflow.create({ name: 'Nul' });
    const draft = await rejection(
      editor.workflow.saveDraft({ id: wf.id, revision: 0, definition: { name: 'a\u0000b' } }),
    );
    expect(draft.code).toBe('BAD_REQUEST');
    const run = await rejection(editor.run.start({ workflowId: wf.id, input: { x: '\u0000' } }));
    expect(run.code).toBe('BAD_REQUEST');
    expect((await viewer.workflow.get({ id: wf.id })).draftRevision).toBe(0);
  });
  it('reports unknown workflow ids as not found', async () => {
    for (const attempt of [
      () => viewer.workflow.get({ id: 'does-not-exist' }),
      () => editor.workflow.rename({ id: 'does-not-exist', name: 'x' }),
      () => editor.workflow.delete({ id: 'does-not-exist' }),
    ]) {
      const error = await rejection(attempt());
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('Workflow not found');
    }
  });

  it('refuses a duplicate name and leaves both workflows unchanged', async () => {
    const a = await editor.workflow.create({ name: 'Alpha' });
    await editor.workflow.create({ name: 'Beta' });
    const error = await rejection(editor.workflow.rename({ id: a.id, name: 'Beta' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^name: /);
    const after = await viewer.workflow.get({ id: a.id });
    expect(after.name).toBe('Alpha');
    expect(after.draftRevision).toBe(0);
  });

  it('keeps a hash-chained audit trail written with each change', async () => {
    const wf = await editor.workflow.create({ name: 'Audited' });
    await editor.workflow.rename({ id: wf.id, name: 'Audited 2' });
    const events = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
    expect(events.filter((e) => e.targetId === wf.id).map((e) => e.action)).toEqual([
      'workflow.created',
      'workflow.renamed',
    ]);
    const report = await verifyAuditChain(db, process.env.MINIFLOW_AUDIT_KEY!, workspaceId);
    expect(report).toEqual({ workspaceId, checked: events.length, broken: null });
  });

  it('a viewer cannot create, rename or delete', async () => {
    const wf = await editor.workflow.create({ name: 'Protected' });
    for (const attempt of [
      () => viewer.workflow.create({ name: 'Nope' }),
      () => viewer.workflow.rename({ id: wf.id, name: 'Nope' }),
      () => viewer.workflow.delete({ id: wf.id }),
    ]) {
      expect((await rejection(attempt())).code).toBe('FORBIDDEN');
    }
    expect((await viewer.workflow.get({ id: wf.id })).name).toBe('Protected');
  });
});
