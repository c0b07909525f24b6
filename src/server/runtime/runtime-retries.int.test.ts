import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { attemptsOf, jobsOf, waitUntil } from '@/test/runtime-waits';
import { startTestServer, type TestServer } from '@/test/test-http-server';
import type { Actor } from '../services/actor';

// HTTP steps refuse loopback unless allowed; the worker's port reads this lazily.
process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let server: TestServer;
let actor: Actor;

beforeAll(async () => {
  // /fail<N>-<tag>: 500 for the first N requests, then 200. /slow: hangs once, then answers.
  server = await startTestServer((path, nth) => {
    const failing = /^\/fail(\d+)-/.exec(path);
    if (failing) return nth <= Number(failing[1]) ? { status: 500 } : { body: { ok: nth } };
    if (path === '/gone') return { status: 404 };
    if (path === '/slow') return nth === 1 ? { hang: true } : { body: { fast: true } };
    return { body: {} };
  });
  actor = await ownerActor();
});
afterAll(() => server.close());

function httpFlow(name: string, path: string, extra: Record<string, unknown>) {
  return publish(actor, {
    name,
    nodes: [node('start', 'manual'), node('call', 'http', { url: server.url + path }, extra)],
    edges: [edge('start', 'call')],
  });
}

/** Gaps between consecutive requests to `path`, in ms. */
function gaps(path: string): number[] {
  const times = server.requests.filter((r) => r.path === path).map((r) => r.at);
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('step retries', () => {
  it('retries with fixed backoff as durable, unlocked jobs and counts every attempt', async () => {
    const { workflowId } = await httpFlow('Fixed', '/fail3-fixed', {
      retry: { maxAttempts: 4, backoff: 'fixed', initialDelayMs: 1000 },
    });
    const { runId } = await startRun(actor, workflowId);
    await withWorker(async () => {
      // While attempt 2 waits, it is a job in the queue with a future run_at that no
      // worker holds: the backoff costs no worker slot and survives a restart.
      const failed = await waitUntil('attempt 1 to fail', () =>
        db.stepRun.findFirst({ where: { runId, nodeId: 'call', attempt: 1, status: 'failed' } }),
      );
      const jobs = await jobsOf(runId);
      const next = jobs.find((j) => j.task === 'mf_step' && j.payload.attempt === 2);
      expect(next).toBeDefined();
      expect(next!.locked_at).toBeNull();
      const wait = next!.run_at.getTime() - failed.finishedAt!.getTime();
      expect(wait).toBeGreaterThanOrEqual(1000);
      expect(wait).toBeLessThan(2000);

      const run = await waitForRun(runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toMatchObject({ call: { status: 200, body: { ok: 4 } } });
    });
    expect(server.count('/fail3-fixed')).toBe(4);
    expect(await attemptsOf(runId, 'call')).toEqual([
      ['call', 1, 'failed'],
      ['call', 2, 'failed'],
      ['call', 3, 'failed'],
      ['call', 4, 'succeeded'],
    ]);
    for (const gap of gaps('/fail3-fixed')) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('backs off exponentially (minus at most 20% jitter)', async () => {
    const { workflowId } = await httpFlow('Exponential', '/fail3-exp', {
      retry: { maxAttempts: 5, backoff: 'exponential', initialDelayMs: 300 },
    });
    const { runId } = await startRun(actor, workflowId);
    await withWorker(async () => {
      expect((await waitForRun(runId)).status).toBe('succeeded');
    });
    expect(server.count('/fail3-exp')).toBe(4);
    expect(await attemptsOf(runId, 'call')).toEqual([
      ['call', 1, 'failed'],
      ['call', 2, 'failed'],
      ['call', 3, 'failed'],
      ['call', 4, 'succeeded'],
    ]);
    const observed = gaps('/fail3-exp');
    [300, 600, 1200].forEach((base, i) => expect(observed[i]).toBeGreaterThanOrEqual(base * 0.8));
  });

  it('stops after maxAttempts and fails the run; a 4xx is not retried at all', async () => {
    const always = await httpFlow('Always failing', '/fail99-always', {
      retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 50 },
    });
    const gone = await httpFlow('Gone', '/gone', {
      retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 50 },
    });
    const a = await startRun(actor, always.workflowId);
    const g = await startRun(actor, gone.workflowId);
    await withWorker(async () => {
      const run = await waitForRun(a.runId);
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ nodeId: 'call' });
      expect((await waitForRun(g.runId)).status).toBe('failed');
    });
    expect(server.count('/fail99-always')).toBe(3);
    expect(await attemptsOf(a.runId, 'call')).toEqual([
      ['call', 1, 'failed'],
      ['call', 2, 'failed'],
      ['call', 3, 'failed'],
    ]);
    expect(server.count('/gone')).toBe(1);
    expect(await attemptsOf(g.runId, 'call')).toEqual([['call', 1, 'failed']]);
  });

  it('fails an attempt that outlives timeoutMs and retries it', async () => {
    const { workflowId } = await httpFlow('Slow', '/slow', {
      timeoutMs: 500,
      retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 0 },
    });
    const { runId } = await startRun(actor, workflowId);
    await withWorker(async () => {
      const run = await waitForRun(runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toMatchObject({ call: { body: { fast: true } } });
    });
    expect(server.count('/slow')).toBe(2);
    expect(await attemptsOf(runId, 'call')).toEqual([
      ['call', 1, 'failed'],
      ['call', 2, 'succeeded'],
    ]);
    const first = await db.stepRun.findFirstOrThrow({ where: { runId, attempt: 1 } });
    expect(JSON.stringify(first.error)).toMatch(/timed out/i);
    // Its timeout timer is gone with the attempt: nothing of the run is left in the queue.
    await waitUntil('the queue to drain', async () => (await jobsOf(runId)).length === 0);
  });
});
