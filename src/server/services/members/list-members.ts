import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

export async function listMembers(db: Db, actor: Actor) {
  requireRole(actor, 'viewer');
  const rows = await db.membership.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  return rows.map((m) => ({
    id: m.id,
    role: m.role,
    createdAt: m.createdAt,
    userId: m.user.id,
    email: m.user.email,
    name: m.user.name,
  }));
}
