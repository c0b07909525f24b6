import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { attemptsOf, jobsOf, waitUntil } from '@/test/runtime-waits';
import { applyEvents, readRun } from './apply-events';
import type { JobHold } from './hand-over';
import { applyWithoutLock } from './optimistic-apply';
import { transaction, type RuntimeContext } from './runtime-context';
import type { RunWrite, SaveOutcome } from './save-run';
import { saveRunsTogether } from './save-runs-together';
import { pgSql } from './sql';
import { unlockedSaves } from './unlocked-saves';
import { webRuntime } from './web-runtime';

/**
 * Optimistic saves of several runs share one statement (save-runs-together.ts), and each
 * run is written exactly as a save of its own would write it, or not at all.
 */
const done = (nodeId: string, output: unknown) => ({
  event: { type: 'stepSucceeded' as const, nodeId, attempt: 1, output },
});

/** `count` runs waiting for their queued code step `work` (then `after`: code or set). */
async function waitingRuns(count: number, after: 'code' | 'set' = 'set') {
  const actor = await ownerActor();
  const { workflowId } = await publish(actor, {
    name: `Together ${after}`,
    nodes: [
      node('start', 'manual'),
      node('work', 'code', { code: 'return 1;' }),
      after === 'set'
        ? node('after', 'set', { values: { got: '{{ steps.work }}' } })
        : node('after', 'code', { code: 'return 2;' }),
    ],
    edges: [edge('start', 'work'), edge('work', 'after')],
  });
  const runIds: string[] = [];
  for (let i = 0; i < count; i++) runIds.push((await startRun(actor, workflowId, {})).runId);
  return runIds;
}

/**
 * The writes the runtime would make for `work` succeeding in each run (with a hold each,
 * when given), caught before they are saved; `finish` then hands each its outcome.
 */
async function writesFor(runIds: string[], holds: (JobHold | undefined)[] = []) {
  const caught: { write: RunWrite; resolve: (outcome: SaveOutcome) => void }[] = [];
  const catching: RuntimeContext = {
    ...webRuntime(),
    saveUnlocked: (write) => new Promise((resolve) => caught.push({ write, resolve })),
  };
  const applied = runIds.map(async (runId, i) => {
    const run = (await readRun(pgSql(webRuntime().pool), runId))!;
    return applyWithoutLock(catching, run, [done('work', i)], holds[i]);
  });
  await waitUntil('the writes', () => caught.length === runIds.length, 5_000, 5);
  // Caught in the order the reads came back: put them in the runs' order.
  caught.sort((a, b) => runIds.indexOf(a.write.run.id) - runIds.indexOf(b.write.run.id));
  return {
    writes: caught.map((c) => c.write),
    finish: async (outcomes: SaveOutcome[]) => {
      caught.forEach((c, i) => c.resolve(outcomes[i]!));
      const states = await Promise.all(applied);
      // What the step task does when its write was not saved: the locking way.
      for (const [i, runId] of runIds.entries()) {
        if (states[i]) continue;
        await transaction(webRuntime(), (sql) =>
          applyEvents(sql, webRuntime(), runId, [done('work', i)]),
        );
      }
    },
  };
}

const statusOf = async (runId: string) =>
  (await db.run.findUniqueOrThrow({ where: { id: runId } })).status;

describe('saving several runs in one statement', () => {
  it('writes each run, its step records and its version as a save of its own would', async () => {
    const runIds = await waitingRuns(3);
    const versions = await Promise.all(
      runIds.map(async (id) => (await db.run.findUniqueOrThrow({ where: { id } })).stateVersion),
    );
    const { writes, finish } = await writesFor(runIds);
    const outcomes = await saveRunsTogether(pgSql(webRuntime().pool), writes);
    expect(outcomes).toEqual(Array(3).fill({ saved: true, handedOver: false }));
    await finish(outcomes);
    for (const [i, runId] of runIds.entries()) {
      const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
      expect(run).toMatchObject({ status: 'succeeded', stateVersion: versions[i]! + 1 });
      expect(run.output).toEqual({ after: { got: i } });
      expect(run.finishedAt).not.toBeNull();
      expect(await attemptsOf(runId)).toEqual([
        ['after', 1, 'succeeded'],
        ['start', 1, 'succeeded'],
        ['work', 1, 'succeeded'],
      ]);
    }
  });

  it('leaves out a run changed since it was read, and only that run', async () => {
    const runIds = await waitingRuns(3);
    const { writes, finish } = await writesFor(runIds);
    await db.run.update({
      where: { id: runIds[1] },
      data: { stateVersion: { increment: 1 } },
    });
    const outcomes = await saveRunsTogether(pgSql(webRuntime().pool), writes);
    expect(outcomes.map((o) => o.saved)).toEqual([true, false, true]);
    // Its caller applies the same event the locking way.
    await finish(outcomes);
    expect(await Promise.all(runIds.map(statusOf))).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
  });

  it('saves one of two writes of the same run, never both', async () => {
    const [runId] = await waitingRuns(1);
    const first = await writesFor([runId!]);
    const second = await writesFor([runId!]);
    const outcomes = await saveRunsTogether(pgSql(webRuntime().pool), [
      first.writes[0]!,
      second.writes[0]!,
    ]);
    expect(outcomes.filter((o) => o.saved)).toHaveLength(1);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.stateVersion).toBe(first.writes[0]!.expectedVersion! + 1);
  });

  it('does not wait for a run another transaction holds locked: it is left out at once', async () => {
    const runIds = await waitingRuns(3);
    const { writes, finish } = await writesFor(runIds);
    const locker = new pg.Client(process.env.DATABASE_URL);
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM "Run" WHERE id = $1 FOR UPDATE', [runIds[2]]);
      const started = performance.now();
      const outcomes = await saveRunsTogether(pgSql(webRuntime().pool), writes);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(outcomes.map((o) => o.saved)).toEqual([true, true, false]);
      await locker.query('ROLLBACK');
      await finish(outcomes);
    } finally {
      await locker.end();
    }
    expect(await statusOf(runIds[2]!)).toBe('succeeded');
  });

  it('hands each run’s next step to the job its caller holds, or adds it', async () => {
    const runIds = await waitingRuns(2, 'code');
    const jobs = await Promise.all(runIds.map(async (id) => (await jobsOf(id))[0]!));
    for (const job of jobs) {
      await db.$executeRaw`UPDATE graphile_worker._private_jobs
        SET locked_at = now(), locked_by = 'pool-held' WHERE id = ${BigInt(job.id)}`;
    }
    // The second caller's lock is gone (its job was released and taken by another pool).
    const holds: JobHold[] = [
      { jobId: jobs[0]!.id, lockedBy: 'pool-held' },
      { jobId: jobs[1]!.id, lockedBy: 'pool-gone' },
    ];
    const { writes, finish } = await writesFor(runIds, holds);
    const outcomes = await saveRunsTogether(pgSql(webRuntime().pool), writes);
    expect(outcomes).toEqual([
      { saved: true, handedOver: true },
      { saved: true, handedOver: false },
    ]);
    await finish(outcomes);
    const [held] = await jobsOf(runIds[0]!);
    expect(held).toMatchObject({ id: jobs[0]!.id, locked_by: 'pool-held' });
    expect(held!.payload).toEqual({ runId: runIds[0], nodeId: 'after', attempt: 1 });
    expect((await jobsOf(runIds[1]!)).map((j) => j.payload)).toEqual([
      { runId: runIds[1], nodeId: 'work', attempt: 1 },
      { runId: runIds[1], nodeId: 'after', attempt: 1 },
    ]);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs
      WHERE payload->>'runId' = ANY(${runIds})`;
  });
});

describe('the process’s optimistic saves', () => {
  it('share statements, and a write PostgreSQL refuses fails alone', async () => {
    const runIds = await waitingRuns(4);
    const { writes, finish } = await writesFor(runIds);
    // A write no statement can hold (a status the column does not have).
    const refused: RunWrite = {
      ...writes[2]!,
      state: { ...writes[2]!.state, status: 'exploded' as never },
    };
    const save = unlockedSaves(webRuntime().pool);
    // The first goes alone; the rest wait for it, then share one statement.
    const settled = await Promise.allSettled([
      save(writes[0]!),
      save(writes[1]!),
      save(refused),
      save(writes[3]!),
    ]);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({
      message: expect.stringMatching(/invalid input value for enum "RunStatus": "exploded"/),
    });
    await finish(
      settled.map((s) =>
        s.status === 'fulfilled' ? s.value : { saved: false, handedOver: false },
      ),
    );
    expect(await Promise.all(runIds.map(statusOf))).toEqual(Array(4).fill('succeeded'));
  });
});
