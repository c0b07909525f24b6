import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import { cancelRun } from '@/server/services/runs/cancel-run';
import { node, ownerActor, withWorker } from '@/test/runtime-fixtures';
import {
  cleanUp,
  cronRuns,
  fakeClock,
  fires,
  iso,
  MINUTE,
  publishCron,
  testScheduler,
} from '@/test/scheduler-test-kit';
import { MAX_WAITING_TICKS } from './overlap';
import { countWaitingTicks } from './pending-ticks';
import type { RunningScheduler } from './start-scheduler';

afterEach(cleanUp);

const T0 = Date.parse('2031-09-09T06:00:00Z');
const HOUR = 60 * MINUTE;

async function setUp(overlap: 'skip' | 'allow' | 'queue', delayMs = HOUR) {
  const actor = await ownerActor();
  const cron = await publishCron(
    actor,
    { expression: '* * * * *', overlap },
    { after: node('wait', 'delay', { ms: delayMs }), firstFireAt: T0 },
  );
  return { actor, ...cron };
}

/** Three ticks, a minute apart, while the first run (waiting an hour) is still going. */
async function threeTicks(scheduler: RunningScheduler, clock: ReturnType<typeof fakeClock>) {
  for (let i = 0; i < 3; i++) {
    clock.set(T0 + i * MINUTE);
    expect(await scheduler.tick()).toBe(1);
  }
}

describe('cron scheduler: overlapping runs', () => {
  it('skip: a tick that comes while the previous run is going starts nothing', async () => {
    const { workflowId, schedule } = await setUp('skip');
    const clock = fakeClock(T0);
    await threeTicks(testScheduler(clock), clock);
    const runs = await cronRuns(workflowId);
    expect(runs.map((r) => r.status)).toEqual(['waiting']);
    expect((await fires(schedule.id)).map((f) => [f.outcome, f.runId])).toEqual([
      ['started', runs[0]!.id],
      ['skipped', null],
      ['skipped', null],
    ]);
  });

  it('allow: runs side by side', async () => {
    const { workflowId, schedule } = await setUp('allow');
    const clock = fakeClock(T0);
    await threeTicks(testScheduler(clock), clock);
    const runs = await cronRuns(workflowId);
    expect(runs.map((r) => r.status)).toEqual(['waiting', 'waiting', 'waiting']);
    expect((await fires(schedule.id)).map((f) => f.outcome)).toEqual([
      'started',
      'started',
      'started',
    ]);
  });

  it('queue: a tick waits until the runs before it have finished, then starts in order', async () => {
    const { actor, workflowId, schedule } = await setUp('queue');
    const clock = fakeClock(T0);
    const scheduler = testScheduler(clock);
    await threeTicks(scheduler, clock);
    let runs = await cronRuns(workflowId);
    expect(runs.map((r) => r.status)).toEqual(['waiting']);
    // The waiting ticks are recorded, without runs yet.
    expect((await fires(schedule.id)).map((f) => [f.outcome, f.runId])).toEqual([
      ['started', runs[0]!.id],
      ['queued', null],
      ['queued', null],
    ]);
    // Still going: another pass starts nothing.
    expect(await scheduler.tick()).toBe(0);
    expect(await cronRuns(workflowId)).toHaveLength(1);

    await cancelRun(db, webRuntime(), actor, runs[0]!.id);
    await scheduler.tick();
    runs = await cronRuns(workflowId);
    expect(runs.map((r) => [r.scheduledFor, r.status])).toEqual([
      [iso(T0), 'cancelled'],
      [iso(T0 + MINUTE), 'waiting'],
    ]);
    // It says when it really started.
    expect(runs[1]!.input).toMatchObject({ firedAt: iso(T0 + 2 * MINUTE) });

    await cancelRun(db, webRuntime(), actor, runs[1]!.id);
    await scheduler.tick();
    runs = await cronRuns(workflowId);
    expect(runs.map((r) => [r.scheduledFor, r.status])).toEqual([
      [iso(T0), 'cancelled'],
      [iso(T0 + MINUTE), 'cancelled'],
      [iso(T0 + 2 * MINUTE), 'waiting'],
    ]);
    expect((await fires(schedule.id)).map((f) => [f.outcome, f.runId])).toEqual([
      ['started', runs[0]!.id],
      ['queued', runs[1]!.id],
      ['queued', runs[2]!.id],
    ]);
  });

  it('queue: later ticks wait behind waiting ones, and the queue is bounded', async () => {
    const { workflowId, schedule } = await setUp('queue');
    const clock = fakeClock(T0);
    const scheduler = testScheduler(clock);
    await threeTicks(scheduler, clock);
    // A pass in which the first run is still going records the next tick as waiting, too.
    clock.set(T0 + 3 * MINUTE);
    expect(await scheduler.tick()).toBe(1);
    expect(await cronRuns(workflowId)).toHaveLength(1);
    expect(await countWaitingTicks(db, schedule.id, 1000)).toBe(3);
    expect(await countWaitingTicks(db, schedule.id, 2)).toBe(2);
    // Fill the queue (as if ticks had come every 100 ms): the next tick is skipped.
    await db.scheduleFire.createMany({
      data: Array.from({ length: MAX_WAITING_TICKS - 3 }, (_, i) => ({
        scheduleId: schedule.id,
        fireAt: new Date(T0 + 3 * MINUTE + (i + 1) * 100),
        outcome: 'queued',
      })),
    });
    clock.set(T0 + 4 * MINUTE);
    expect(await scheduler.tick()).toBe(1);
    const last = await db.scheduleFire.findUniqueOrThrow({
      where: { scheduleId_fireAt: { scheduleId: schedule.id, fireAt: new Date(T0 + 4 * MINUTE) } },
    });
    expect(last.outcome).toBe('skipped');
  });

  it('queue: queued ticks start one after another as runs finish, woken by NOTIFY', async () => {
    const { workflowId } = await setUp('queue', 300);
    const clock = fakeClock(T0);
    await threeTicks(testScheduler(clock), clock);
    // A second scheduler, ticking by itself with a long interval: only the run-finished
    // notice can start the queued ticks quickly.
    testScheduler(clock, {
      autoTick: true,
      intervalMs: 30_000,
      databaseUrl: process.env.DATABASE_URL!,
    });
    const started = Date.now();
    const runs = await withWorker(async () => {
      // Runs appear one by one: wait until three have finished.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const runs = await cronRuns(workflowId);
        if (runs.length === 3 && runs.every((r) => r.finishedAt)) return runs;
        if (Date.now() > deadline) throw new Error(`Still ${runs.map((r) => r.status).join()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // One at a time, in tick order, each soon after the one before (not 30 s later).
    const byTick = await cronRuns(workflowId);
    for (let i = 1; i < byTick.length; i++) {
      const gap = byTick[i]!.startedAt!.getTime() - byTick[i - 1]!.finishedAt!.getTime();
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThan(5_000);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
