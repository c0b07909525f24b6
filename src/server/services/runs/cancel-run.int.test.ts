import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { cancelRun } from '@/server/services/runs/cancel-run';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { jobsOf, queuedJobs, waitUntil } from '@/test/runtime-waits';

let actor: Actor;
beforeAll(async () => {
  actor = await ownerActor();
});

const cancel = (id: string) => cancelRun(db, webRuntime(), actor, id);

/** manual → delay (a long one by default) → set: a run that waits on a durable timer. */
function sleeper(name: string, ms: number | string = 60_000) {
  return publish(actor, {
    name,
    nodes: [
      node('start', 'manual'),
      node('wait', 'delay', { ms }),
      node('done', 'set', { values: { ok: true } }),
    ],
    edges: [edge('start', 'wait'), edge('wait', 'done')],
  });
}

describe('cancelRun', () => {
  it('cancels a waiting run and removes its timer job from the queue', async () => {
    const { workflowId } = await sleeper('Cancel waiting');
    const { runId, status } = await startRun(actor, workflowId);
    expect(status).toBe('waiting');
    expect((await jobsOf(runId)).map((j) => j.task)).toEqual(['mf_timer']);

    expect(await cancel(runId)).toEqual({ id: runId, status: 'cancelled' });
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(run.status).toBe('cancelled');
    expect(run.finishedAt).not.toBeNull();
    expect(run.error).toMatchObject({ message: expect.stringMatching(/Cancelled by a user/) });
    expect(await jobsOf(runId)).toEqual([]);
    const steps = Object.fromEntries(run.steps.map((s) => [s.nodeId, s.status]));
    // The waiting attempt's record ends as the state does: cancelled.
    expect(steps).toMatchObject({ start: 'succeeded', wait: 'cancelled' });
    expect(run.state).toMatchObject({
      nodes: [{ status: 'succeeded' }, { status: 'cancelled' }, { status: 'cancelled' }],
    });
    expect(await db.auditEvent.count({ where: { action: 'run.cancelled', targetId: runId } })).toBe(
      1,
    );
  });

  it('cancels a run queued behind a concurrency limit; it never starts', async () => {
    const { workflowId } = await sleeper('Cancel queued');
    await db.workflow.update({
      where: { id: workflowId },
      data: { concurrencyLimit: 1, concurrencyPolicy: 'queue' },
    });
    const first = await startRun(actor, workflowId);
    const second = await startRun(actor, workflowId);
    expect(first.status).toBe('waiting');
    expect(second).toMatchObject({ status: 'queued', outcome: 'queued' });

    expect(await cancel(second.runId)).toEqual({ id: second.runId, status: 'cancelled' });
    // Cancelling the first frees the slot: the cancelled second one must not take it.
    expect(await cancel(first.runId)).toEqual({ id: first.runId, status: 'cancelled' });
    await withWorker(async () => {
      await waitUntil('start jobs to run', async () => (await queuedJobs('mf_start')) === 0);
    });
    const run = await db.run.findUniqueOrThrow({ where: { id: second.runId } });
    expect(run).toMatchObject({ status: 'cancelled', startedAt: null });
    expect(run.state).toMatchObject({ status: 'cancelled' });
    expect(run.state).not.toHaveProperty('startedAt');
    expect(await db.stepRun.count({ where: { runId: second.runId } })).toBe(0);
  });

  it('does not resurrect a queued run cancelled after its slot was handed to it', async () => {
    const { workflowId } = await sleeper('Cancel promoted');
    await db.workflow.update({
      where: { id: workflowId },
      data: { concurrencyLimit: 1, concurrencyPolicy: 'queue' },
    });
    const first = await startRun(actor, workflowId);
    const second = await startRun(actor, workflowId);
    expect(second.status).toBe('queued');
    // The first ends: a start job for the second is enqueued. Cancel the second before any
    // worker runs that job; the job must then leave it alone.
    await cancel(first.runId);
    await cancel(second.runId);
    await withWorker(async () => {
      await waitUntil('start jobs to run', async () => (await queuedJobs('mf_start')) === 0);
    });
    const run = await db.run.findUniqueOrThrow({ where: { id: second.runId } });
    expect(run).toMatchObject({ status: 'cancelled', startedAt: null });
    expect(run.state).toMatchObject({ status: 'cancelled' });
  });

  it('is a no-op on a finished run', async () => {
    const { workflowId } = await sleeper('Cancel finished', 0);
    const { runId, status } = await startRun(actor, workflowId);
    expect(status).toBe('succeeded');
    const before = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(await cancel(runId)).toEqual({ id: runId, status: 'succeeded' });
    const after = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(after).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: 'run.cancelled', targetId: runId } })).toBe(
      0,
    );
    expect((await waitForRun(runId)).status).toBe('succeeded');
  });
});
