import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { ownerActor } from '@/test/runtime-fixtures';
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

afterEach(cleanUp);

const EVERY_5 = '*/5 * * * *';
const STEP = 5 * MINUTE;
const T0 = Date.parse('2031-05-05T12:00:00Z');
// Down for ten ticks (T0 … T0+45m) and back 2 minutes after the last one: beyond the grace.
const BACK = T0 + 9 * STEP + 2 * MINUTE;
const ticks = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => iso(from + i * STEP));

async function afterDowntime(catchUp: 'none' | 'latest' | 'all', maxFiresPerTick?: number) {
  const actor = await ownerActor();
  const cron = await publishCron(actor, { expression: EVERY_5, catchUp }, { firstFireAt: T0 });
  const clock = fakeClock(BACK);
  const scheduler = testScheduler(clock, maxFiresPerTick ? { maxFiresPerTick } : {});
  const fired = await scheduler.tick();
  return { ...cron, clock, scheduler, fired };
}

async function nextFireAt(scheduleId: string) {
  const row = await db.schedule.findUniqueOrThrow({ where: { id: scheduleId } });
  return row.nextFireAt?.getTime();
}

describe('cron scheduler: catch-up after downtime', () => {
  it('none: drops the missed ticks and goes on with the next one', async () => {
    const { workflowId, schedule, clock, scheduler, fired } = await afterDowntime('none');
    expect(fired).toBe(0);
    expect(await cronRuns(workflowId)).toHaveLength(0);
    expect(await fires(schedule.id)).toHaveLength(0);
    expect(await nextFireAt(schedule.id)).toBe(T0 + 10 * STEP);

    clock.set(T0 + 10 * STEP);
    expect(await scheduler.tick()).toBe(1);
    expect((await cronRuns(workflowId)).map((r) => r.scheduledFor)).toEqual(
      ticks(T0 + 10 * STEP, 1),
    );
  });

  it('none: a tick that is late but within the grace still fires (once)', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publishCron(
      actor,
      { expression: EVERY_5, catchUp: 'none' },
      { firstFireAt: T0 },
    );
    // Ten ticks owed, the latest only 10 s ago.
    const scheduler = testScheduler(fakeClock(T0 + 9 * STEP + 10_000));
    expect(await scheduler.tick()).toBe(1);
    expect((await cronRuns(workflowId)).map((r) => r.scheduledFor)).toEqual(
      ticks(T0 + 9 * STEP, 1),
    );
  });

  it('latest: fires once, for the latest missed tick', async () => {
    const { workflowId, schedule, fired } = await afterDowntime('latest');
    expect(fired).toBe(1);
    const runs = await cronRuns(workflowId);
    expect(runs.map((r) => r.scheduledFor)).toEqual(ticks(T0 + 9 * STEP, 1));
    expect(runs[0]!.input).toMatchObject({ firedAt: iso(BACK) });
    expect(await nextFireAt(schedule.id)).toBe(T0 + 10 * STEP);
  });

  it('all: fires every missed tick, oldest first', async () => {
    const { workflowId, schedule, fired } = await afterDowntime('all');
    expect(fired).toBe(10);
    expect((await cronRuns(workflowId)).map((r) => r.scheduledFor)).toEqual(ticks(T0, 10));
    expect((await fires(schedule.id)).map((f) => f.outcome)).toEqual(Array(10).fill('started'));
    expect(await nextFireAt(schedule.id)).toBe(T0 + 10 * STEP);
    const row = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(row.lastFiredAt!.getTime()).toBe(T0 + 9 * STEP);
  });

  it('all: a long outage is fired in bounded passes that continue where they stopped', async () => {
    const { workflowId, schedule, scheduler, fired } = await afterDowntime('all', 4);
    expect(fired).toBe(4);
    // The schedule stays due at the first tick not fired yet.
    expect(await nextFireAt(schedule.id)).toBe(T0 + 4 * STEP);
    expect(await scheduler.tick()).toBe(4);
    expect(await scheduler.tick()).toBe(2);
    expect(await scheduler.tick()).toBe(0);
    expect((await cronRuns(workflowId)).map((r) => r.scheduledFor)).toEqual(ticks(T0, 10));
    expect(await nextFireAt(schedule.id)).toBe(T0 + 10 * STEP);
  });
});
