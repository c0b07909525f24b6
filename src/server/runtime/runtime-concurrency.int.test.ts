import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { startWorker } from '@/server/runtime/worker';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { cancelRun } from '@/server/services/runs/cancel-run';
import { startManualRun } from '@/server/services/runs/start-manual-run';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { jobsOf, maxOverlap } from '@/test/runtime-waits';
import { startTestServer, type TestServer } from '@/test/test-http-server';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let server: TestServer;
let actor: Actor;
beforeAll(async () => {
  server = await startTestServer((path) => ({ delayMs: Number(path.split('/')[2] ?? 0) }));
  actor = await ownerActor();
});
afterAll(() => server.close());

/** manual → `step`, with a concurrency limit set on the Workflow row. */
async function limited(name: string, limit: number, policy: string, step: ReturnType<typeof node>) {
  const { workflowId } = await publish(actor, {
    name,
    nodes: [node('start', 'manual'), step],
    edges: [edge('start', step.id)],
  });
  await db.workflow.update({
    where: { id: workflowId },
    data: { concurrencyLimit: limit, concurrencyPolicy: policy },
  });
  return workflowId;
}

const holdFor = (name: string, ms: number) =>
  node('hold', 'http', { url: `${server.url}/${name}/${ms}` });
const waitFor = (ms: number | string) => node('wait', 'delay', { ms });

function worker(staleAfterMs: number) {
  return startWorker({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency: 4,
    heartbeatMs: 200,
    staleAfterMs,
  });
}

describe('workflow concurrency limit', () => {
  it('queue: extra runs wait, start as slots free, all finish, never above the limit', async () => {
    const workflowId = await limited('Queue', 2, 'queue', holdFor('queue', 200));
    const started = [];
    for (let i = 0; i < 10; i++) started.push(await startRun(actor, workflowId));
    expect(started.map((s) => s.outcome)).toEqual([
      'started',
      'started',
      ...Array<string>(8).fill('queued'),
    ]);
    // No sweeper rescue (stale after 10 minutes): only finishing runs may promote others,
    // so a promotion lost under concurrency would leave runs queued forever.
    const w = await worker(600_000);
    try {
      for (const s of started) expect((await waitForRun(s.runId)).status).toBe('succeeded');
    } finally {
      await w.stop();
    }
    expect(await maxOverlap({ workflowId })).toBeLessThanOrEqual(2);
    expect(server.count('/queue/200')).toBe(10);
  });

  it('queue: the sweeper never starts a backlog run beyond the limit', async () => {
    const workflowId = await limited('Queue swept', 1, 'queue', holdFor('swept', 700));
    const started = [];
    for (let i = 0; i < 4; i++) started.push(await startRun(actor, workflowId));
    // Stale after 300 ms: every sweep sees the backlog as starved.
    const w = await worker(300);
    try {
      for (const s of started) expect((await waitForRun(s.runId)).status).toBe('succeeded');
    } finally {
      await w.stop();
    }
    expect(await maxOverlap({ workflowId })).toBe(1);
  });

  it('skip: a run beyond the limit is cancelled at once, with the reason', async () => {
    const workflowId = await limited('Skip', 1, 'skip', waitFor(60_000));
    const first = await startRun(actor, workflowId);
    const second = await startRun(actor, workflowId);
    expect(first.status).toBe('waiting');
    expect(second).toMatchObject({ status: 'cancelled', outcome: 'skipped' });
    const run = await db.run.findUniqueOrThrow({ where: { id: second.runId } });
    // The state says so too: the skip went through the engine like any cancellation.
    expect(run).toMatchObject({ status: 'cancelled', startedAt: null });
    expect(run.state).toMatchObject({ status: 'cancelled' });
    expect(run.error).toEqual({
      message: 'Cancelled: skipped: 1 runs already active (concurrency limit)',
    });
    expect((await db.run.findUniqueOrThrow({ where: { id: first.runId } })).status).toBe('waiting');
    await cancelRun(db, webRuntime(), actor, first.runId);
  });

  it('cancel-oldest: a new run cancels the oldest active one and its timer', async () => {
    const workflowId = await limited('Cancel oldest', 1, 'cancel-oldest', waitFor(60_000));
    const first = await startRun(actor, workflowId);
    const second = await startRun(actor, workflowId);
    expect(second).toMatchObject({ status: 'waiting', outcome: 'started' });
    const old = await db.run.findUniqueOrThrow({ where: { id: first.runId } });
    expect(old.status).toBe('cancelled');
    expect(old.error).toEqual({
      message: 'Cancelled: Cancelled for a newer run (concurrency limit)',
    });
    expect(await jobsOf(first.runId)).toEqual([]);
    expect((await jobsOf(second.runId)).map((j) => j.task)).toEqual(['mf_timer']);
    await cancelRun(db, webRuntime(), actor, second.runId);
  });

  it('priorities: with a backlog, higher-priority runs start first', async () => {
    const workflowId = await limited('Priorities', 1, 'queue', waitFor('{{ input.ms }}'));
    const blocker = await startRun(actor, workflowId, { ms: 60_000 });
    expect(blocker.status).toBe('waiting');
    const backlog = [];
    for (const priority of [0, 5, 1, 10, 3]) {
      const run = await startManualRun(db, webRuntime(), actor, {
        workflowId,
        input: { ms: 0 },
        priority,
      });
      expect(run.outcome).toBe('queued');
      backlog.push({ priority, runId: run.runId });
    }
    // The slot is free now, but the backlog's start job has not run: a new run of lower
    // priority must queue behind the backlog instead of taking the slot.
    await cancelRun(db, webRuntime(), actor, blocker.runId);
    const late = await startManualRun(db, webRuntime(), actor, {
      workflowId,
      input: { ms: 0 },
      priority: -5,
    });
    expect(late.outcome).toBe('queued');
    backlog.push({ priority: -5, runId: late.runId });
    const w = await worker(600_000);
    try {
      for (const b of backlog) expect((await waitForRun(b.runId)).status).toBe('succeeded');
    } finally {
      await w.stop();
    }
    const runs = await db.run.findMany({
      where: { id: { in: backlog.map((b) => b.runId) } },
      orderBy: { startedAt: 'asc' },
    });
    expect(runs.map((r) => r.priority)).toEqual([10, 5, 3, 1, 0, -5]);
  });
});
