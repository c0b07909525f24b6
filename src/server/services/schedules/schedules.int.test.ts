import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { callerFor, createMember } from '@/test/fixtures';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';

async function workspaceWithSchedule() {
  const actor = await ownerActor();
  const { workflowId } = await publish(actor, {
    name: 'Hourly report',
    nodes: [
      node('tick', 'cron', { expression: '0 * * * *', timezone: 'Europe/Berlin' }),
      node('work', 'noop'),
    ],
    edges: [edge('tick', 'work')],
  });
  const schedule = await db.schedule.findFirstOrThrow({ where: { workflowId } });
  const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  const as = async (role: 'viewer' | 'operator') =>
    callerFor((await createMember(actor.workspaceId, role)).id, slug);
  return { actor, slug, workflowId, schedule, as };
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe('schedule procedures', () => {
  it('lists the workspace schedules and their fire history to a viewer', async () => {
    const { workflowId, schedule, as } = await workspaceWithSchedule();
    await db.scheduleFire.create({
      data: {
        scheduleId: schedule.id,
        fireAt: new Date('2031-01-01T00:00:00Z'),
        outcome: 'skipped',
      },
    });
    const viewer = await as('viewer');
    const list = await viewer.schedule.list();
    expect(list).toEqual([
      expect.objectContaining({
        id: schedule.id,
        workflowId,
        cron: '0 * * * *',
        timezone: 'Europe/Berlin',
        overlap: 'skip',
        catchUp: 'none',
        paused: false,
        workflow: { name: 'Hourly report' },
        version: expect.objectContaining({ number: 1 }),
      }),
    ]);
    expect(await codeOf(viewer.schedule.list({ workflowId: 'other' }))).toBe('NOT_FOUND');
    const history = await viewer.schedule.fires({ id: schedule.id });
    expect(history.items).toEqual([
      expect.objectContaining({ fireAt: new Date('2031-01-01T00:00:00Z'), outcome: 'skipped' }),
    ]);
    expect(history.nextBefore).toBeNull();
  });

  it('lets an operator pause and resume, not a viewer', async () => {
    const { schedule, as } = await workspaceWithSchedule();
    const viewer = await as('viewer');
    expect(await codeOf(viewer.schedule.pause({ id: schedule.id }))).toBe('FORBIDDEN');
    const operator = await as('operator');
    expect(await operator.schedule.pause({ id: schedule.id })).toMatchObject({ paused: true });
    const resumed = await operator.schedule.resume({ id: schedule.id });
    expect(resumed.paused).toBe(false);
    expect(resumed.nextFireAt!.getTime()).toBeGreaterThan(Date.now());
    expect(resumed.nextFireAt!.getUTCMinutes()).toBe(0);
  });

  it('hides the schedules of other workspaces', async () => {
    const mine = await workspaceWithSchedule();
    const theirs = await workspaceWithSchedule();
    const operator = await mine.as('operator');
    expect(await operator.schedule.list()).toHaveLength(1);
    expect(await codeOf(operator.schedule.pause({ id: theirs.schedule.id }))).toBe('NOT_FOUND');
    expect(await codeOf(operator.schedule.fires({ id: theirs.schedule.id }))).toBe('NOT_FOUND');
    const row = await db.schedule.findUniqueOrThrow({ where: { id: theirs.schedule.id } });
    expect(row.paused).toBe(false);
  });
});
