import type { z } from 'zod';
import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertFilterIds } from '../filter-ids';
import type { listSchedulesInput } from './schedule-inputs';

/** The workspace's cron schedules (one per published cron trigger), by workflow name. */
export async function listSchedules(
  db: Db,
  actor: Actor,
  input: z.infer<typeof listSchedulesInput>,
) {
  requireRole(actor, 'viewer');
  await assertFilterIds(db, actor.workspaceId, { workflowId: input.workflowId });
  return db.schedule.findMany({
    where: {
      workspaceId: actor.workspaceId,
      ...(input.workflowId ? { workflowId: input.workflowId } : {}),
    },
    orderBy: [{ workflow: { name: 'asc' } }, { id: 'asc' }],
    select: {
      id: true,
      workflowId: true,
      nodeId: true,
      cron: true,
      timezone: true,
      overlap: true,
      catchUp: true,
      paused: true,
      nextFireAt: true,
      lastFiredAt: true,
      createdAt: true,
      workflow: { select: { name: true } },
      version: { select: { id: true, number: true } },
    },
  });
}
