import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { publishWorkflow } from '@/server/services/workflows/publish-workflow';
import { saveDraft } from '@/server/services/workflows/save-draft';
import { pauseSchedule, resumeSchedule } from '@/server/services/schedules/set-schedule-paused';
import { edge, node, ownerActor } from '@/test/runtime-fixtures';
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

const T0 = Date.parse('2031-11-11T11:00:00Z');

describe('cron scheduler: pause, resume, publish', () => {
  it('a paused schedule does not fire; resumed, it goes on from its next tick', async () => {
    const actor = await ownerActor();
    // Catch-up `all` on purpose: resuming still does not fire the paused period.
    const { workflowId, schedule } = await publishCron(
      actor,
      { expression: '* * * * *', catchUp: 'all' },
      { firstFireAt: T0 },
    );
    const clock = fakeClock(T0);
    const scheduler = testScheduler(clock);
    expect(await scheduler.tick()).toBe(1);

    expect(await pauseSchedule(db, actor, schedule.id)).toMatchObject({ paused: true });
    await pauseSchedule(db, actor, schedule.id);
    for (const at of [T0 + MINUTE, T0 + 2 * MINUTE]) {
      clock.set(at);
      expect(await scheduler.tick()).toBe(0);
    }

    const resumed = await resumeSchedule(db, actor, schedule.id, T0 + 2 * MINUTE + 30_000);
    expect(resumed).toMatchObject({ paused: false, nextFireAt: new Date(T0 + 3 * MINUTE) });
    clock.set(T0 + 2 * MINUTE + 30_000);
    expect(await scheduler.tick()).toBe(0);
    clock.set(T0 + 3 * MINUTE);
    expect(await scheduler.tick()).toBe(1);
    expect((await cronRuns(workflowId)).map((r) => r.scheduledFor)).toEqual([
      iso(T0),
      iso(T0 + 3 * MINUTE),
    ]);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: actor.workspaceId, targetType: 'schedule' },
      orderBy: { id: 'asc' },
    });
    // Pausing twice is recorded once: the second changed nothing.
    expect(audit.map((a) => [a.action, a.targetId, a.actorId])).toEqual([
      ['schedule.paused', schedule.id, actor.userId],
      ['schedule.resumed', schedule.id, actor.userId],
    ]);
  });

  it('republishing keeps the schedule, its fire history and its pause; removing the trigger deletes it', async () => {
    const actor = await ownerActor();
    const { workflowId, versionId, schedule } = await publishCron(
      actor,
      { expression: '* * * * *' },
      { name: 'Nightly', firstFireAt: T0 },
    );
    expect(await testScheduler(fakeClock(T0)).tick()).toBe(1);
    await pauseSchedule(db, actor, schedule.id);

    const republish = async (nodes: ReturnType<typeof node>[]) => {
      const { draftRevision } = await db.workflow.findUniqueOrThrow({ where: { id: workflowId } });
      await saveDraft(db, actor, {
        id: workflowId,
        definition: {
          schemaVersion: 1,
          name: 'Nightly',
          nodes,
          edges: [edge(nodes[0]!.id, 'work')],
        },
        revision: draftRevision,
      });
      return publishWorkflow(db, actor, { id: workflowId, message: '' });
    };
    const work = node('work', 'set', { values: { v: 2 } });
    const v2 = await republish([
      node('tick', 'cron', { expression: '*/2 * * * *', overlap: 'allow' }),
      work,
    ]);
    expect(v2.id).not.toBe(versionId);
    const row = await db.schedule.findUniqueOrThrow({ where: { id: schedule.id } });
    expect(row).toMatchObject({
      versionId: v2.id,
      cron: '*/2 * * * *',
      overlap: 'allow',
      paused: true,
    });
    expect(await fires(schedule.id)).toHaveLength(1);

    await republish([node('start', 'manual'), work]);
    expect(await db.schedule.findMany({ where: { workflowId } })).toEqual([]);
    expect(await db.scheduleFire.count({ where: { scheduleId: schedule.id } })).toBe(0);
    // The runs it fired stay.
    expect(await cronRuns(workflowId)).toHaveLength(1);
  });
});
