import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { registerClusterGauges } from '@/server/metrics/cluster-gauges';
import { readWorkers } from '@/server/services/monitor/read-queue';
import { beat } from './heartbeat';
import { enqueue, TASKS } from './queue';
import { quietLogger } from './queue-schema';
import { sweep } from './sweeper';
import { STALE_WORKER_MS } from './worker-liveness';

let utils: WorkerUtils;

beforeAll(async () => {
  utils = await makeWorkerUtils({
    connectionString: process.env.DATABASE_URL!,
    logger: quietLogger,
  });
});

afterAll(() => utils.release());

beforeEach(async () => {
  await db.workerHeartbeat.deleteMany();
});

/** A heartbeat row last written `ageMs` ago by the database's clock, holding `lockId`'s jobs. */
async function heartbeatAged(id: string, ageMs: number, lockId: string): Promise<void> {
  await beat(db, { workerId: id, concurrency: 3, lockIds: () => [lockId], runningJobs: () => 1 });
  await db.$executeRawUnsafe(
    `UPDATE "WorkerHeartbeat" SET "lastSeenAt" = "lastSeenAt" - make_interval(secs => $2 / 1000.0)
     WHERE id = $1`,
    id,
    ageMs,
  );
}

async function liveWorkerGauge(): Promise<number | undefined> {
  const registry = new Registry();
  registerClusterGauges(registry, () => ({
    query: async (text) => ({ rows: await db.$queryRawUnsafe<unknown[]>(text) }),
  }));
  const metric = await registry.getSingleMetric('miniflow_workers')?.get();
  return metric?.values[0]?.value;
}

describe('worker liveness', () => {
  it('a worker silent past the threshold is stale for the sweeper, the queue monitor and the gauges', async () => {
    await heartbeatAged('worker-silent', STALE_WORKER_MS + 2_000, 'pool-silent');
    await heartbeatAged('worker-alive', STALE_WORKER_MS - 2_000, 'pool-alive');

    expect(await liveWorkerGauge()).toBe(1);
    const workers = await readWorkers(db, 'no-such-workspace');
    expect(workers.map((w) => [w.id, w.alive])).toEqual([
      ['worker-silent', false],
      ['worker-alive', true],
    ]);

    const released = await sweep(db, utils, { staleAfterMs: STALE_WORKER_MS });
    expect(released).toEqual(['pool-silent']);
    const left = await db.workerHeartbeat.findMany({ select: { id: true } });
    expect(left).toEqual([{ id: 'worker-alive' }]);
  });

  it('the sweeper releases the jobs a silent worker held, not those of a living one', async () => {
    await heartbeatAged('worker-silent', STALE_WORKER_MS + 2_000, 'pool-silent');
    await heartbeatAged('worker-alive', STALE_WORKER_MS - 2_000, 'pool-alive');
    await enqueue(db, [
      { task: TASKS.step, payload: { runId: 'r-silent', nodeId: 'a', attempt: 1 } },
      { task: TASKS.step, payload: { runId: 'r-alive', nodeId: 'a', attempt: 1 } },
    ]);
    await db.$executeRawUnsafe(
      `UPDATE graphile_worker._private_jobs
       SET locked_by = CASE WHEN payload->>'runId' = 'r-silent' THEN 'pool-silent' ELSE 'pool-alive' END,
           locked_at = now() - interval '1 hour'`,
    );

    await sweep(db, utils, { staleAfterMs: STALE_WORKER_MS });

    const locks = await db.$queryRawUnsafe<{ runId: string; lockedBy: string | null }[]>(
      `SELECT payload->>'runId' AS "runId", locked_by AS "lockedBy"
       FROM graphile_worker._private_jobs ORDER BY 1`,
    );
    expect(locks).toEqual([
      { runId: 'r-alive', lockedBy: 'pool-alive' },
      { runId: 'r-silent', lockedBy: null },
    ]);
  });
});
