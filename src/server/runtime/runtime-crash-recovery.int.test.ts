import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { applyEvents } from '@/server/runtime/apply-events';
import { enqueue, TASKS } from '@/server/runtime/queue';
import { webRuntime } from '@/server/runtime/web-runtime';
import { startWorker, type RunningWorker } from '@/server/runtime/worker';
import type { Actor } from '@/server/services/actor';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { attemptsOf, jobsOf, queuedJobs, waitUntil } from '@/test/runtime-waits';
import { spawnWorker, type WorkerProcess } from '@/test/spawn-worker';
import { startTestServer, type TestServer } from '@/test/test-http-server';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let server: TestServer;
let actor: Actor;
const workers: RunningWorker[] = [];
const children: WorkerProcess[] = [];

beforeAll(async () => {
  // /hang never answers its first request; /slow/<ms> answers after <ms>; the rest at once.
  server = await startTestServer((path, nth) => {
    if (path === '/hang' && nth === 1) return { hang: true };
    if (path.startsWith('/slow/')) return { delayMs: Number(path.split('/')[2]) };
    return { body: { nth } };
  });
  actor = await ownerActor();
});
afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  for (const worker of workers) await worker.stop();
  await server.close();
});

async function inProcessWorker(staleAfterMs: number) {
  const worker = await startWorker({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency: 2,
    heartbeatMs: 250,
    staleAfterMs,
  });
  workers.push(worker);
  return worker;
}

function callFlow(name: string, path: string) {
  return publish(actor, {
    name,
    nodes: [
      node('start', 'manual'),
      node('call', 'http', { url: server.url + path }),
      node('done', 'set', { values: { nth: '{{ steps.call.body.nth }}' } }),
    ],
    edges: [edge('start', 'call'), edge('call', 'done')],
  });
}

describe('crash recovery', () => {
  it('a killed worker’s step is handed to a living worker and the run completes once', async () => {
    const { workflowId } = await callFlow('Hangs once', '/hang');
    const child = await spawnWorker({
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_AFTER_MS: '2000',
    });
    children.push(child);
    const { runId } = await startRun(actor, workflowId);
    await server.waitFor('/hang', 1);

    // The dead worker's lock must be one the sweeper can attribute to its heartbeat.
    const [job] = await jobsOf(runId);
    const beats = await db.workerHeartbeat.findMany();
    expect(beats.flatMap((b) => b.lockIds)).toContain(job!.locked_by);

    await child.kill('SIGKILL');
    await inProcessWorker(2500);
    const run = await waitForRun(runId, undefined, 25_000);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ done: { nth: 2 } });
    expect(server.count('/hang')).toBe(2);
    // One record per attempt, each final once: nothing succeeded twice.
    expect(await attemptsOf(runId)).toEqual([
      ['call', 1, 'succeeded'],
      ['done', 1, 'succeeded'],
      ['start', 1, 'succeeded'],
    ]);
    // The dead worker is forgotten.
    await waitUntil('the dead heartbeat to go', async () => {
      const left = await db.workerHeartbeat.findMany();
      return left.every((b) => b.id !== child.id);
    });
  });

  it('a living worker keeps a step that runs longer than staleAfterMs', async () => {
    const { workflowId } = await callFlow('Long step', '/slow/3000');
    await inProcessWorker(500);
    const { runId } = await startRun(actor, workflowId);
    expect((await waitForRun(runId)).status).toBe('succeeded');
    // Swept as a dead worker's job, it would have been run a second time meanwhile.
    expect(server.count('/slow/3000')).toBe(1);
  });

  it('ignores a step job delivered again after the run finished', async () => {
    const { workflowId } = await callFlow('Duplicate', '/once');
    await inProcessWorker(15_000);
    const { runId } = await startRun(actor, workflowId);
    expect((await waitForRun(runId)).status).toBe('succeeded');
    const before = await db.stepRun.findMany({ where: { runId }, orderBy: { nodeId: 'asc' } });
    const calls = server.count('/once');
    expect(calls).toBe(1);

    await db.$transaction((tx) =>
      enqueue(tx, [{ task: TASKS.step, payload: { runId, nodeId: 'call', attempt: 1 } }]),
    );
    await waitUntil('the duplicate to be consumed', async () => (await queuedJobs()) === 0);
    expect(server.count('/once')).toBe(calls);
    expect(await db.stepRun.findMany({ where: { runId }, orderBy: { nodeId: 'asc' } })).toEqual(
      before,
    );
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('succeeded');
  });

  it('a late duplicate result of a finished attempt changes neither the run nor its record', async () => {
    // What a second execution of one attempt reports (a job unlocked while its first
    // execution was still going): here, a failure of an attempt that had succeeded.
    const { workflowId } = await publish(actor, {
      name: 'Late duplicate',
      nodes: [
        node('start', 'manual'),
        node('call', 'http', { url: `${server.url}/late` }),
        node('wait', 'delay', { ms: 60_000 }),
      ],
      edges: [edge('start', 'call'), edge('call', 'wait')],
    });
    await inProcessWorker(15_000);
    const { runId } = await startRun(actor, workflowId);
    await waitForRun(runId, ['waiting']);
    const before = await db.stepRun.findMany({ where: { runId }, orderBy: { nodeId: 'asc' } });
    await db.$transaction((tx) =>
      applyEvents(tx, webRuntime(), runId, [
        {
          event: { type: 'stepFailed', nodeId: 'call', attempt: 1, error: { message: 'late' } },
          startedAt: Date.now(),
          finishedAt: Date.now(),
        },
      ]),
    );
    expect(await db.stepRun.findMany({ where: { runId }, orderBy: { nodeId: 'asc' } })).toEqual(
      before,
    );
    expect(await attemptsOf(runId, 'call')).toEqual([['call', 1, 'succeeded']]);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('waiting');
  });
});
