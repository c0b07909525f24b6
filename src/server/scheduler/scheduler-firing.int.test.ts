import { afterEach, describe, expect, it } from 'vitest';
import { createDb, db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import { ownerActor } from '@/test/runtime-fixtures';
import {
  cronRuns,
  fakeClock,
  fires,
  iso,
  MINUTE,
  publishCron,
  cleanUp,
  testScheduler,
} from '@/test/scheduler-test-kit';

afterEach(cleanUp);

const T0 = Date.parse('2031-03-03T10:00:00Z');

describe('cron scheduler: firing', () => {
  it('fires a published cron workflow at its time, with the tick as input', async () => {
    const actor = await ownerActor();
    const { workflowId, schedule } = await publishCron(actor, { expression: '*/5 * * * *' });
    // Publishing computed the first fire time from the real clock.
    const first = schedule.nextFireAt!.getTime();
    expect(first % (5 * MINUTE)).toBe(0);
    expect(first).toBeGreaterThan(Date.now() - 1000);

    const clock = fakeClock(first - 1);
    const scheduler = testScheduler(clock);
    expect(await scheduler.tick()).toBe(0);
    clock.set(first);
    expect(await scheduler.tick()).toBe(1);

    const [run] = await cronRuns(workflowId);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'cron' });
    expect(run!.input).toEqual({
      scheduledFor: iso(first),
      firedAt: iso(first),
      scheduleId: schedule.id,
    });
    expect(run!.output).toEqual({ work: { at: iso(first) } });
    const after = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(after.nextFireAt!.getTime()).toBe(first + 5 * MINUTE);
    expect(after.lastFiredAt!.getTime()).toBe(first);
    expect(await fires(schedule.id)).toMatchObject([
      { fireAt: new Date(first), outcome: 'started', runId: run!.id },
    ]);

    // Nothing more until the next tick; a few hundred ms late it still fires.
    clock.set(first + 5 * MINUTE - 1);
    expect(await scheduler.tick()).toBe(0);
    clock.set(first + 5 * MINUTE + 250);
    expect(await scheduler.tick()).toBe(1);
    const runs = await cronRuns(workflowId);
    expect(runs.map((r) => r.scheduledFor)).toEqual([iso(first), iso(first + 5 * MINUTE)]);
    expect((runs[1]!.input as { firedAt: string }).firedAt).toBe(iso(first + 5 * MINUTE + 250));
  });

  it('never fires a tick twice, even when its schedule row is replayed', async () => {
    const actor = await ownerActor();
    const { workflowId, schedule } = await publishCron(
      actor,
      { expression: '* * * * *' },
      { firstFireAt: T0 },
    );
    const clock = fakeClock(T0);
    const scheduler = testScheduler(clock);
    expect(await scheduler.tick()).toBe(1);
    // A stale row (say, restored from an older snapshot) points at the fired tick again.
    await db.schedule.update({ where: { id: schedule.id }, data: { nextFireAt: new Date(T0) } });
    expect(await scheduler.tick()).toBe(0);
    expect(await cronRuns(workflowId)).toHaveLength(1);
    const row = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(row.nextFireAt!.getTime()).toBe(T0 + MINUTE);
  });

  it('fires each tick exactly once with three schedulers ticking at the same time', async () => {
    const actor = await ownerActor();
    const workflows = [];
    for (let i = 0; i < 5; i++) {
      workflows.push(await publishCron(actor, { expression: '* * * * *' }, { firstFireAt: T0 }));
    }
    // Separate clients, as separate processes would have.
    const clients = [1, 2, 3].map(() => createDb(process.env.DATABASE_URL!, 4));
    const clock = fakeClock(T0);
    const schedulers = clients.map((client) =>
      testScheduler(clock, { db: client, runtime: { ...webRuntime(), db: client } }),
    );
    const ROUNDS = 20;
    let fired = 0;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        clock.set(T0 + round * MINUTE);
        const counts = await Promise.all(schedulers.map((s) => s.tick()));
        fired += counts.reduce((a, b) => a + b, 0);
      }
    } finally {
      await cleanUp();
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    expect(fired).toBe(ROUNDS * workflows.length);
    for (const { workflowId, schedule } of workflows) {
      const runs = await cronRuns(workflowId);
      const ticks = runs.map((r) => r.scheduledFor);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks).toEqual(Array.from({ length: ROUNDS }, (_, i) => iso(T0 + i * MINUTE)));
      expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
      expect(await fires(schedule.id)).toHaveLength(ROUNDS);
    }
  });

  it('fires schedules claimed together one by one when their batch fails, and each tick once', async () => {
    const actor = await ownerActor();
    const workflows = [];
    for (let i = 0; i < 7; i++) {
      workflows.push(await publishCron(actor, { expression: '* * * * *' }, { firstFireAt: T0 }));
    }
    // One schedule that cannot be planned fails whatever batch claims it.
    const broken = workflows[3]!.schedule;
    await db.schedule.update({ where: { id: broken.id }, data: { cron: 'not a cron' } });
    const scheduler = testScheduler(fakeClock(T0), { claimBatch: 3, parallelism: 2 });
    expect(await scheduler.tick()).toBe(6);
    for (const { workflowId, schedule } of workflows) {
      const runs = await cronRuns(workflowId);
      const expected = schedule.id === broken.id ? [] : [iso(T0)];
      expect(runs.map((r) => r.scheduledFor)).toEqual(expected);
      expect(await fires(schedule.id)).toHaveLength(expected.length);
    }
    // The broken one is held back for a while rather than failing every batch.
    expect(await scheduler.tick()).toBe(0);
  });

  it('reads the schedule in its time zone: 09:00 Berlin is 08:00 UTC in winter, 07:00 in summer', async () => {
    const actor = await ownerActor();
    const winter = Date.parse('2031-01-15T08:00:00Z');
    const summer = Date.parse('2031-07-15T07:00:00Z');
    const { workflowId, schedule } = await publishCron(
      actor,
      { expression: '0 9 * * *', timezone: 'Europe/Berlin' },
      { firstFireAt: winter },
    );
    const clock = fakeClock(winter);
    const scheduler = testScheduler(clock);
    expect(await scheduler.tick()).toBe(1);
    let row = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(row.nextFireAt!.toISOString()).toBe('2031-01-16T08:00:00.000Z');

    // Jump to summer: the missed days are dropped (catch-up none), today's tick is on time.
    clock.set(summer + 2_000);
    expect(await scheduler.tick()).toBe(1);
    row = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(row.nextFireAt!.toISOString()).toBe('2031-07-16T07:00:00.000Z');
    expect((await cronRuns(workflowId)).map((r) => r.scheduledFor)).toEqual([
      iso(winter),
      iso(summer),
    ]);
  });
});
