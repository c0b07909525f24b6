import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { startWorker, type RunningWorker } from '@/server/runtime/worker';
import type { Actor } from '@/server/services/actor';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { spawnWorker, type WorkerProcess } from '@/test/spawn-worker';
import { startTestServer, type TestServer } from '@/test/test-http-server';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

/**
 * A worker saves the results of the steps it runs at once in shared statements
 * (unlocked-saves.ts). Killed in the middle of that, it loses no run and no step of it
 * completes twice.
 */
let server: TestServer;
let actor: Actor;
let child: WorkerProcess | undefined;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  server = await startTestServer(() => ({ delayMs: 20, body: { ok: true } }));
  actor = await ownerActor();
});
afterAll(async () => {
  await child?.kill('SIGKILL');
  await worker?.stop();
  await server.close();
});

const RUNS = 80;

describe('a worker killed while its saves share statements', () => {
  it('loses no run, and completes no step twice', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Killed mid-batch',
      nodes: [
        node('start', 'manual'),
        node('call', 'http', { url: `${server.url}/work` }),
        node('done', 'set', { values: { n: '{{ input.n }}' } }),
      ],
      edges: [edge('start', 'call'), edge('call', 'done')],
    });
    child = await spawnWorker({
      WORKER_CONCURRENCY: '16',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_AFTER_MS: '2000',
    });
    const runIds: string[] = [];
    for (let n = 0; n < RUNS; n++) {
      runIds.push((await startRun(actor, workflowId, { n })).runId);
    }
    const finished = () =>
      db.run.count({ where: { id: { in: runIds }, status: { in: ['succeeded', 'failed'] } } });
    await waitUntil('some runs to finish', async () => (await finished()) >= 10, 20_000, 5);
    await child.kill('SIGKILL');
    const before = await finished();
    expect(before).toBeLessThan(RUNS);

    worker = await startWorker({
      databaseUrl: process.env.DATABASE_URL!,
      concurrency: 8,
      heartbeatMs: 250,
      staleAfterMs: 2_000,
    });
    await waitUntil('every run to finish', async () => (await finished()) === RUNS, 30_000);
    const runs = await db.run.findMany({ where: { id: { in: runIds } } });
    expect(runs.filter((r) => r.status !== 'succeeded')).toEqual([]);
    for (const run of runs) {
      expect(run.output).toEqual({ done: { n: (run.input as { n: number }).n } });
    }
    // One record per step of each run, attempt 1, succeeded once.
    const records = await db.stepRun.groupBy({
      by: ['nodeId', 'attempt', 'status'],
      where: { runId: { in: runIds } },
      _count: true,
    });
    expect(records.map((r) => [r.nodeId, r.attempt, r.status, r._count]).sort()).toEqual([
      ['call', 1, 'succeeded', RUNS],
      ['done', 1, 'succeeded', RUNS],
      ['start', 1, 'succeeded', RUNS],
    ]);
    // Each run was saved step by step: versions count its saves, none was written twice.
    expect(new Set(runs.map((r) => r.stateVersion)).size).toBe(1);
  }, 60_000);
});
