import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { startWorker, type RunningWorker } from '@/server/runtime/worker';
import type { Actor } from '@/server/services/actor';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { attemptsOf, jobsOf } from '@/test/runtime-waits';
import { readRun } from './apply-events';
import type { JobHold } from './hand-over';
import { applyWithoutLock } from './optimistic-apply';
import { pgSql } from './sql';
import { webRuntime } from './web-runtime';
import { spawnWorker, type WorkerProcess } from '@/test/spawn-worker';
import { startTestServer, type TestServer } from '@/test/test-http-server';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

/**
 * A step's save hands the run's next step to the queue job that ran it (hand-over.ts):
 * a chain runs in one job, and a job killed mid-chain resumes at the step it was on.
 */
let server: TestServer;
let actor: Actor;
const workers: RunningWorker[] = [];
const children: WorkerProcess[] = [];

beforeAll(async () => {
  // /hang never answers its first request; the rest answer at once.
  server = await startTestServer((path, nth) =>
    path === '/hang' && nth === 1 ? { hang: true } : { body: { path, nth } },
  );
  actor = await ownerActor();
});
afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  for (const worker of workers) await worker.stop();
  await server.close();
});

async function lastJobId(): Promise<bigint> {
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    SELECT nextval(pg_get_serial_sequence('graphile_worker._private_jobs', 'id')) AS id`;
  return rows[0]!.id;
}

/** start → s1 → … → s<length>, each an HTTP call to /<tag>/<i> (or `paths[i]`). */
function chain(tag: string, length: number, paths: Record<number, string> = {}) {
  const nodes = [node('start', 'manual')];
  const edges = [];
  for (let i = 1; i <= length; i++) {
    nodes.push(node(`s${i}`, 'http', { url: server.url + (paths[i] ?? `/${tag}/${i}`) }));
    edges.push(edge(i === 1 ? 'start' : `s${i - 1}`, `s${i}`));
  }
  return publish(actor, { name: `Chain ${tag}`, nodes, edges });
}

/** A run of `chain(tag, 2)` waiting for s1, whose job is locked as if `owner` ran it. */
async function heldRun(tag: string, owner: string) {
  const { workflowId } = await chain(tag, 2);
  const { runId } = await startRun(actor, workflowId);
  const [job] = await jobsOf(runId);
  await db.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = ${owner}
    WHERE id = ${BigInt(job!.id)}`;
  const run = (await readRun(pgSql(webRuntime().pool), runId))!;
  return { runId, job: job!, run };
}

/** No worker of the later tests should run the jobs these tests locked by hand. */
async function dropJobs(runId: string) {
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload->>'runId' = ${runId}`;
}

const s1Done = { event: { type: 'stepSucceeded' as const, nodeId: 's1', attempt: 1, output: 1 } };

describe('handing the next step to the running job', () => {
  it('the save gives the held job the next step instead of adding one', async () => {
    const { runId, job, run } = await heldRun('held', 'pool-a');
    const hold: JobHold = { jobId: job.id, lockedBy: 'pool-a' };
    expect(await applyWithoutLock(webRuntime(), run, [s1Done], hold)).toBeDefined();
    expect(hold.next).toEqual({ nodeId: 's2', attempt: 1 });
    const [after, ...others] = await jobsOf(runId);
    expect(others).toEqual([]);
    expect(after).toMatchObject({ id: job.id, locked_by: 'pool-a' });
    expect(after!.payload).toEqual({ runId, nodeId: 's2', attempt: 1 });
    await dropJobs(runId);
  });

  it('adds the step job as usual when the job is no longer held', async () => {
    // Released (a sweeper took this process for dead) and locked by another worker since.
    const { runId, job, run } = await heldRun('released', 'pool-b');
    const hold: JobHold = { jobId: job.id, lockedBy: 'pool-a' };
    expect(await applyWithoutLock(webRuntime(), run, [s1Done], hold)).toBeDefined();
    expect(hold.next).toBeUndefined();
    const jobs = await jobsOf(runId);
    expect(jobs.map((j) => j.payload)).toEqual([
      { runId, nodeId: 's1', attempt: 1 },
      { runId, nodeId: 's2', attempt: 1 },
    ]);
    expect(jobs[1]!.locked_by).toBeNull();
    await dropJobs(runId);
  });

  it('runs a chain of queued steps in one queue job, each step once', async () => {
    const { workflowId } = await chain('whole', 8);
    const worker = await startWorker({
      databaseUrl: process.env.DATABASE_URL!,
      concurrency: 2,
      heartbeatMs: 250,
    });
    const before = await lastJobId();
    const { runId } = await startRun(actor, workflowId);
    const run = await waitForRun(runId, undefined, 20_000).finally(() => worker.stop());
    expect(run.status).toBe('succeeded');
    // The first step's job, and no other: every later step was handed to it (each look
    // takes a number itself).
    expect(await lastJobId()).toBe(before + 2n);
    expect(await jobsOf(runId)).toEqual([]);
    expect(await attemptsOf(runId)).toEqual(
      ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 'start'].map(
        (id) => [id, 1, 'succeeded'] as const,
      ),
    );
    for (let i = 1; i <= 8; i++) expect(server.count(`/whole/${i}`)).toBe(1);
  }, 30_000);

  it('a job killed mid-chain is released at the step it was on; nothing completes twice', async () => {
    const { workflowId } = await chain('killed', 6, { 4: '/hang' });
    const child = await spawnWorker({
      WORKER_CONCURRENCY: '2',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_AFTER_MS: '2000',
    });
    children.push(child);
    const before = await lastJobId();
    const { runId } = await startRun(actor, workflowId);
    await server.waitFor('/hang', 1);

    // The job that ran s1 now holds s4, the step that hangs.
    const [job, ...others] = await jobsOf(runId);
    expect(others).toEqual([]);
    expect(job!.id).toBe(String(before + 1n));
    expect(job!.payload).toMatchObject({ runId, nodeId: 's4', attempt: 1 });
    expect(job!.locked_by).not.toBeNull();

    await child.kill('SIGKILL');
    workers.push(
      await startWorker({
        databaseUrl: process.env.DATABASE_URL!,
        concurrency: 2,
        heartbeatMs: 250,
        staleAfterMs: 2_500,
      }),
    );
    const run = await waitForRun(runId, undefined, 25_000);
    expect(run.status).toBe('succeeded');
    expect(server.count('/hang')).toBe(2);
    for (const i of [1, 2, 3, 5, 6]) expect(server.count(`/killed/${i}`)).toBe(1);
    expect(await attemptsOf(runId)).toEqual(
      ['s1', 's2', 's3', 's4', 's5', 's6', 'start'].map((id) => [id, 1, 'succeeded'] as const),
    );
    expect(await jobsOf(runId)).toEqual([]);
  }, 40_000);
});
