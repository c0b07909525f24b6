import type { z } from 'zod';
import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { listRunsInput } from './run-inputs';

/** Newest first, keyset-paginated on (createdAt, id) so deep pages stay fast. */
export async function listRuns(db: Db, actor: Actor, input: z.infer<typeof listRunsInput>) {
  requireRole(actor, 'viewer');
  const cursor = input.cursor
    ? await db.run.findFirst({
        where: { id: input.cursor, workspaceId: actor.workspaceId },
        select: { id: true, createdAt: true },
      })
    : null;
  const rows = await db.run.findMany({
    where: {
      workspaceId: actor.workspaceId,
      ...(input.workflowId ? { workflowId: input.workflowId } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: {
      id: true,
      workflowId: true,
      status: true,
      trigger: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      workflow: { select: { name: true } },
    },
  });
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
