import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { waitUntil } from '@/test/runtime-waits';
import { awaitRunResult } from '@/server/webhooks/run-result';
import { edge, node, ownerActor, publish, startRun, withWorker } from '@/test/runtime-fixtures';
import { closeRunListener, createRunListener, runListener, waitForRun } from './run-listener';

afterAll(closeRunListener);

async function codeWorkflow() {
  const actor = await ownerActor();
  const { workflowId } = await publish(actor, {
    name: 'Needs a worker',
    nodes: [node('start', 'manual'), node('double', 'code', { code: 'return input.n * 2;' })],
    edges: [edge('start', 'double')],
  });
  return (n: number) => startRun(actor, workflowId, { n });
}

async function terminateListener(): Promise<number> {
  const pid = await waitUntil('a listener connection', () => runListener().backendPid);
  const killed = await db.$queryRaw<{ ok: boolean }[]>`SELECT pg_terminate_backend(${pid}) AS ok`;
  expect(killed[0]?.ok).toBe(true);
  return pid;
}

describe('run listener', () => {
  it('resolves at once for a run that finished before the wait began', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Inline',
      nodes: [node('start', 'manual'), node('v', 'set', { values: { ok: true } })],
      edges: [edge('start', 'v')],
    });
    const run = await startRun(actor, workflowId);
    expect(await awaitRunResult(db, run.runId, 'end', 5_000)).toEqual({
      runId: run.runId,
      status: 'succeeded',
      output: { v: { ok: true } },
      error: null,
    });
  });

  it('resolves undefined on timeout and leaves no subscriber behind', async () => {
    const start = await codeWorkflow();
    const run = await start(1);
    expect(await awaitRunResult(db, run.runId, 'end', 200)).toBeUndefined();
    expect(runListener().subscribers).toBe(0);
  });

  it('shares one connection among many waits', async () => {
    const start = await codeWorkflow();
    const runs = await Promise.all([1, 2, 3, 4, 5].map((n) => start(n)));
    const waits = runs.map((r) => awaitRunResult(db, r.runId, 'end', 15_000));
    await waitUntil('five subscribers', () => runListener().subscribers === 5);
    const listeners = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE application_name = 'miniflow-run-listener' AND datname = current_database()`;
    expect(listeners[0]?.n).toBe(1);
    await withWorker(async () => {
      const ends = await Promise.all(waits);
      expect(ends.map((e) => e?.output)).toEqual([2, 4, 6, 8, 10].map((d) => ({ double: d })));
    });
  });

  it('reconnects after its connection is killed; waits in flight and later ones resolve', async () => {
    const start = await codeWorkflow();
    const before = await start(10);
    const inFlight = awaitRunResult(db, before.runId, 'end', 20_000);
    const oldPid = await terminateListener();
    const newPid = await waitUntil('a new listener connection', () => {
      const pid = runListener().backendPid;
      return pid !== undefined && pid !== oldPid ? pid : undefined;
    });
    expect(newPid).not.toBe(oldPid);

    await withWorker(async () => {
      expect((await inFlight)?.output).toEqual({ double: 20 });
      await terminateListener();
      const after = await start(11);
      const end = await awaitRunResult(db, after.runId, 'end', 20_000);
      expect(end).toMatchObject({ status: 'succeeded', output: { double: 22 } });
    });
  });

  it('re-checks after a reconnect, so a run that ended while disconnected is not missed', async () => {
    const start = await codeWorkflow();
    const run = await start(3);
    // Its own listener, slow to reconnect, so the run surely ends while it is down.
    const listener = createRunListener(process.env.DATABASE_URL!, { minRetryMs: 3_000 });
    try {
      let reconnectedAt = 0;
      const ended = waitForRun(run.runId, {
        listener,
        timeoutMs: 20_000,
        probe: async () => {
          const row = await db.run.findUniqueOrThrow({ where: { id: run.runId } });
          if (row.status !== 'succeeded') return undefined;
          reconnectedAt = Date.now();
          return row;
        },
      });
      const pid = await waitUntil('a listener connection', () => listener.backendPid);
      await db.$queryRaw`SELECT pg_terminate_backend(${pid})`;
      await waitUntil('the connection to drop', () => listener.backendPid === undefined);
      await withWorker(async () => {
        const row = await ended;
        expect(row?.output).toEqual({ double: 6 });
        // Finished before the listener came back: only the re-check on reconnect saw it.
        expect(row!.finishedAt!.getTime()).toBeLessThan(reconnectedAt - 500);
      });
    } finally {
      await listener.close();
    }
  });
});
