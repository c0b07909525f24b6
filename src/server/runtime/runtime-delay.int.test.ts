import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { startWorker } from '@/server/runtime/worker';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { attemptsOf, jobsOf } from '@/test/runtime-waits';

describe('durable delay', () => {
  it('parks the run without a worker slot and survives a worker restart', async () => {
    const actor = await ownerActor();
    const sleeper = await publish(actor, {
      name: 'Sleeper',
      nodes: [
        node('start', 'manual'),
        node('wait', 'delay', { ms: 2500 }),
        node('done', 'set', { values: { woke: true } }),
      ],
      edges: [edge('start', 'wait'), edge('wait', 'done')],
    });
    const worker = await startWorker({
      databaseUrl: process.env.DATABASE_URL!,
      concurrency: 1,
      heartbeatMs: 500,
    });
    let second: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const started = await startRun(actor, sleeper.workflowId);
      // The delay is applied in the trigger transaction: the run waits on a timer job.
      expect(started.status).toBe('waiting');
      const timers = await jobsOf(started.runId);
      expect(timers).toHaveLength(1);
      expect(timers[0]).toMatchObject({ task: 'mf_timer', locked_at: null });
      expect(timers[0]!.run_at.getTime()).toBeGreaterThan(Date.now() + 1000);

      // With one slot, another workflow's worker step still runs while the first waits.
      const busy = await publish(actor, {
        name: 'Busy',
        nodes: [node('start', 'manual'), node('work', 'code', { code: 'return input.n + 1;' })],
        edges: [edge('start', 'work')],
      });
      const other = await startRun(actor, busy.workflowId, { n: 1 });
      expect((await waitForRun(other.runId)).status).toBe('succeeded');
      const parked = await db.run.findUniqueOrThrow({ where: { id: started.runId } });
      expect(parked.status).toBe('waiting');

      // Stop the only worker during the wait; a new one fires the timer and finishes.
      await worker.stop();
      expect((await db.run.findUniqueOrThrow({ where: { id: started.runId } })).status).toBe(
        'waiting',
      );
      second = await startWorker({
        databaseUrl: process.env.DATABASE_URL!,
        concurrency: 1,
        heartbeatMs: 500,
      });
      const run = await waitForRun(started.runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ done: { woke: true } });
      // The wait really lasted: finished no earlier than the delay after it started.
      expect(run.finishedAt!.getTime() - run.startedAt!.getTime()).toBeGreaterThanOrEqual(2500);
      expect(await attemptsOf(started.runId)).toEqual([
        ['done', 1, 'succeeded'],
        ['start', 1, 'succeeded'],
        ['wait', 1, 'succeeded'],
      ]);
      expect(await jobsOf(started.runId)).toEqual([]);
    } finally {
      await worker.stop();
      await second?.stop();
    }
  });
});
