import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

export async function listWorkflows(db: Db, actor: Actor) {
  requireRole(actor, 'viewer');
  return db.workflow.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { updatedAt: 'desc' },
    select: {
      id: true,
      name: true,
      description: true,
      updatedAt: true,
      createdAt: true,
      _count: { select: { versions: true } },
    },
  });
}
