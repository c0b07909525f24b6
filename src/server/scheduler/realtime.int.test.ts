import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { pauseSchedule, resumeSchedule } from '@/server/services/schedules/set-schedule-paused';
import { ownerActor } from '@/test/runtime-fixtures';
import { cleanUp, cronRuns, publishCron, testScheduler } from '@/test/scheduler-test-kit';

afterEach(cleanUp);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Real clock, real sleeps: how late does a per-second schedule fire? */
describe('cron scheduler: real time', () => {
  it('fires a per-second schedule within a few hundred ms of each tick', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publishCron(actor, { expression: '* * * * * *' });
    const scheduler = testScheduler(undefined, { autoTick: true });
    await sleep(3_500);
    await scheduler.stop();
    const runs = await cronRuns(workflowId);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    // From the tick to the run's start (the run row is written in the firing transaction).
    const lateness = runs.map((r) => r.startedAt!.getTime() - Date.parse(r.scheduledFor));
    console.warn(`cron tick to run start (ms): ${lateness.join(', ')}`);
    for (const late of lateness) {
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(300);
    }
    // Consecutive seconds, none skipped or doubled.
    const ticks = runs.map((r) => Date.parse(r.scheduledFor));
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBe(1_000);
  });

  it('a resume wakes a sleeping scheduler at once (NOTIFY)', async () => {
    const actor = await ownerActor();
    const { workflowId, schedule } = await publishCron(actor, { expression: '* * * * * *' });
    await pauseSchedule(db, actor, schedule.id);
    // Nothing to fire: it would sleep a full minute.
    testScheduler(undefined, {
      autoTick: true,
      intervalMs: 60_000,
      databaseUrl: process.env.DATABASE_URL!,
    });
    await sleep(500);
    await resumeSchedule(db, actor, schedule.id);
    await sleep(2_500);
    expect((await cronRuns(workflowId)).length).toBeGreaterThanOrEqual(1);
  });
});
