import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { getFlag } from './read-flags';

/** Who changed a flag and when, newest first, from the audit trail (the last 50 changes). */
export async function flagHistory(db: Db, actor: Actor, key: string) {
  requireRole(actor, 'viewer');
  await getFlag(db, actor, key);
  const events = await db.auditEvent.findMany({
    where: { workspaceId: actor.workspaceId, targetType: 'flag', targetId: key },
    orderBy: { id: 'desc' },
    take: 50,
    select: { id: true, action: true, actorId: true, createdAt: true, data: true },
  });
  const userIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, email: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return events.map((e) => ({
    id: e.id.toString(),
    action: e.action,
    by: e.actorId ? (names.get(e.actorId) ?? e.actorId) : null,
    at: e.createdAt,
    version: (e.data as { version?: number }).version ?? null,
  }));
}
