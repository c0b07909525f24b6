import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { metrics } from '@/server/metrics/metrics';
import { setWorkspaceQuotas } from '@/server/services/instance/set-workspace-quotas';
import { listScheduleFires } from '@/server/services/schedules/list-schedule-fires';
import { instanceAdmin } from '@/test/instance-admin';
import { node, ownerActor } from '@/test/runtime-fixtures';
import {
  cleanUp,
  cronRuns,
  fakeClock,
  fires,
  MINUTE,
  publishCron,
  testScheduler,
} from '@/test/scheduler-test-kit';

afterEach(cleanUp);

const T0 = Date.parse('2031-05-05T10:00:00Z');
const refusedCount = async (quota: string) =>
  (await metrics().quotaRefused.get()).values.find((v) => v.labels.quota === quota)?.value ?? 0;

describe('cron ticks and run quotas', () => {
  it('record a refused tick of a workspace over its quota while other workspaces fire', async () => {
    const admin = await instanceAdmin();
    const monthly = await ownerActor();
    const active = await ownerActor();
    const free = await ownerActor();
    const cron = { expression: '* * * * *', overlap: 'allow' as const };
    const overMonth = await publishCron(monthly, cron, { firstFireAt: T0 });
    const overActive = await publishCron(active, cron, {
      firstFireAt: T0,
      after: node('wait', 'delay', { ms: 3_600_000 }),
    });
    const unlimited = await publishCron(free, cron, { firstFireAt: T0 });
    await setWorkspaceQuotas(db, admin, {
      workspaceId: monthly.workspaceId,
      runsPerMonth: 1,
      activeRuns: null,
    });
    await setWorkspaceQuotas(db, admin, {
      workspaceId: active.workspaceId,
      runsPerMonth: null,
      activeRuns: 1,
    });
    const monthBefore = await refusedCount('runs per month');
    const activeBefore = await refusedCount('concurrently active runs');

    const clock = fakeClock(T0);
    const scheduler = testScheduler(clock);
    expect(await scheduler.tick()).toBe(3);
    clock.set(T0 + MINUTE);
    // Every tick is accounted for: two refused, one started, none thrown.
    expect(await scheduler.tick()).toBe(3);

    expect(await fires(overMonth.schedule.id)).toMatchObject([
      { outcome: 'started' },
      { fireAt: new Date(T0 + MINUTE), outcome: 'refused', runId: null },
    ]);
    expect(await fires(overActive.schedule.id)).toMatchObject([
      { outcome: 'started' },
      { fireAt: new Date(T0 + MINUTE), outcome: 'refused', runId: null },
    ]);
    expect(await fires(unlimited.schedule.id)).toMatchObject([
      { outcome: 'started' },
      { outcome: 'started' },
    ]);
    // The workspace sees the refusal in the schedule's fire history.
    const history = await listScheduleFires(db, monthly, { id: overMonth.schedule.id, limit: 5 });
    expect(history.items[0]).toMatchObject({ outcome: 'refused', runId: null });
    expect(await cronRuns(overMonth.workflowId)).toHaveLength(1);
    expect(await cronRuns(overActive.workflowId)).toHaveLength(1);
    expect(await cronRuns(unlimited.workflowId)).toHaveLength(2);
    expect(await refusedCount('runs per month')).toBe(monthBefore + 1);
    expect(await refusedCount('concurrently active runs')).toBe(activeBefore + 1);

    // A refused tick is not retried: the schedules moved on to their next tick.
    for (const { schedule } of [overMonth, overActive]) {
      const row = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
      expect(row.nextFireAt!.getTime()).toBe(T0 + 2 * MINUTE);
    }
    expect(await scheduler.tick()).toBe(0);
  });
});
