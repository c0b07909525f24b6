import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { bulkCancelRuns } from '@/server/services/runs/bulk-cancel-runs';
import { bulkRetryRuns } from '@/server/services/runs/bulk-retry-runs';
import { bulkRetryRunsInput, bulkRunIdsInput } from '@/server/services/runs/run-inputs';
import { callerFor, createMember } from '@/test/fixtures';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';

let actor: Actor;
let outsider: Actor;
let sleeper: string;
let quick: string;

const cancel = (as: Actor, ids: string[]) =>
  bulkCancelRuns(db, webRuntime(), as, bulkRunIdsInput.parse({ ids }));
const retry = (as: Actor, ids: string[]) =>
  bulkRetryRuns(db, webRuntime(), as, bulkRetryRunsInput.parse({ ids }));

beforeAll(async () => {
  actor = await ownerActor();
  outsider = await ownerActor();
  sleeper = (
    await publish(actor, {
      name: 'Sleeper',
      nodes: [node('start', 'manual'), node('wait', 'delay', { ms: 60_000 })],
      edges: [edge('start', 'wait')],
    })
  ).workflowId;
  quick = (
    await publish(actor, {
      name: 'Quick',
      nodes: [node('start', 'manual'), node('done', 'set', { values: { ok: true } })],
      edges: [edge('start', 'done')],
    })
  ).workflowId;
});

async function withRole(role: 'viewer' | 'operator'): Promise<Actor> {
  const user = await createMember(actor.workspaceId, role);
  return { userId: user.id, workspaceId: actor.workspaceId, role };
}

describe('bulk cancel', () => {
  it('cancels each waiting run, leaves finished ones, refuses other workspaces', async () => {
    const a = await startRun(actor, sleeper);
    const b = await startRun(actor, sleeper);
    const done = await startRun(actor, quick);
    const theirs = await startRun(
      outsider,
      (
        await publish(outsider, {
          name: 'Theirs',
          nodes: [node('start', 'manual'), node('wait', 'delay', { ms: 60_000 })],
          edges: [edge('start', 'wait')],
        })
      ).workflowId,
    );
    const operator = await withRole('operator');
    const { outcomes } = await cancel(operator, [a.runId, b.runId, done.runId, theirs.runId]);
    expect(outcomes).toEqual([
      { id: a.runId, ok: true, status: 'cancelled' },
      { id: b.runId, ok: true, status: 'cancelled' },
      { id: done.runId, ok: true, status: 'succeeded' },
      { id: theirs.runId, ok: false, error: 'Run not found' },
    ]);
    const theirRun = await db.run.findUniqueOrThrow({ where: { id: theirs.runId } });
    expect(theirRun.status).toBe('waiting');
  });

  it('is refused to a viewer, before any run is touched', async () => {
    const a = await startRun(actor, sleeper);
    await expect(cancel(await withRole('viewer'), [a.runId])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await db.run.findUniqueOrThrow({ where: { id: a.runId } })).status).toBe('waiting');
  });
});

describe('bulk retry', () => {
  it('retries each finished run once; an unfinished one is reported, not retried', async () => {
    const done = await startRun(actor, quick);
    const waiting = await startRun(actor, sleeper);
    const operator = await withRole('operator');
    const { outcomes } = await retry(operator, [done.runId, waiting.runId, done.runId]);
    expect(outcomes).toHaveLength(2);
    expect(outcomes[0]).toMatchObject({ id: done.runId, ok: true, status: 'succeeded' });
    expect(outcomes[1]).toMatchObject({ id: waiting.runId, ok: false });
    expect(await db.run.count({ where: { retryOfId: done.runId } })).toBe(1);
    expect(await db.run.count({ where: { retryOfId: waiting.runId } })).toBe(0);
  });

  it('over tRPC: checks the role, the workspace and the input', async () => {
    const done = await startRun(actor, quick);
    const slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
    const viewer = await withRole('viewer');
    await expect(
      callerFor(viewer.userId, slug).run.bulkRetry({ ids: [done.runId] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const outsiderSlug = (
      await db.workspace.findUniqueOrThrow({ where: { id: outsider.workspaceId } })
    ).slug;
    const { outcomes } = await callerFor(outsider.userId, outsiderSlug).run.bulkRetry({
      ids: [done.runId],
    });
    expect(outcomes).toEqual([{ id: done.runId, ok: false, error: 'Run not found' }]);
    await expect(callerFor(actor.userId, slug).run.bulkCancel({ ids: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('select at least one run'),
    });
  });
});
