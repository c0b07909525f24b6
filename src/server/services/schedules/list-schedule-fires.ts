import type { z } from 'zod';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { listScheduleFiresInput } from './schedule-inputs';

/** A schedule's fire history, newest first: each tick and what it did (run, queue, skip). */
export async function listScheduleFires(
  db: Db,
  actor: Actor,
  input: z.infer<typeof listScheduleFiresInput>,
) {
  requireRole(actor, 'viewer');
  const schedule = await db.schedule.findFirst({
    where: { id: input.id, workspaceId: actor.workspaceId },
    select: { id: true },
  });
  if (!schedule) throw notFound('Schedule');
  const rows = await db.scheduleFire.findMany({
    where: { scheduleId: schedule.id, ...(input.before ? { fireAt: { lt: input.before } } : {}) },
    orderBy: { fireAt: 'desc' },
    take: input.limit + 1,
    select: { fireAt: true, outcome: true, runId: true, createdAt: true },
  });
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextBefore: more ? items[items.length - 1]!.fireAt : null };
}
