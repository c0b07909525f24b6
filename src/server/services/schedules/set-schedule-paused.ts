import { nextFireTime } from '@/engine/steps/cron-schedule';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { notifySchedules } from '../../scheduler/schedule-channel';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

const select = { id: true, paused: true, nextFireAt: true, lastFiredAt: true } as const;

/** Stops a schedule from firing; its queued ticks wait too. Pausing twice changes nothing. */
export async function pauseSchedule(db: Db, actor: Actor, id: string) {
  return setPaused(db, actor, id, true, Date.now());
}

/**
 * Lets a paused schedule fire again from its next tick after `now`: the ticks of the
 * paused period are not fired, whatever the catch-up policy (that policy is for downtime,
 * and a pause is on purpose).
 */
export async function resumeSchedule(db: Db, actor: Actor, id: string, now = Date.now()) {
  return setPaused(db, actor, id, false, now);
}

async function setPaused(db: Db, actor: Actor, id: string, paused: boolean, now: number) {
  requireRole(actor, 'operator');
  return db.$transaction(async (tx) => {
    const schedule = await tx.schedule.findFirst({
      where: { id, workspaceId: actor.workspaceId },
      select: { id: true, workflowId: true, cron: true, timezone: true, paused: true },
    });
    if (!schedule) throw notFound('Schedule');
    // Waits for a fire in flight, so a pause never lands in the middle of one.
    await tx.$queryRaw`SELECT 1 FROM "Schedule" WHERE id = ${schedule.id} FOR UPDATE`;
    if (schedule.paused === paused) {
      return tx.schedule.findUniqueOrThrow({ where: { id: schedule.id }, select });
    }
    const next = paused ? undefined : nextFireTime(schedule.cron, schedule.timezone, now);
    const updated = await tx.schedule.update({
      where: { id: schedule.id },
      data: paused
        ? { paused }
        : { paused, nextFireAt: next === undefined ? null : new Date(next) },
      select,
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: paused ? 'schedule.paused' : 'schedule.resumed',
      targetType: 'schedule',
      targetId: schedule.id,
      data: { workflowId: schedule.workflowId },
    });
    await notifySchedules(tx, schedule.id);
    return updated;
  });
}
