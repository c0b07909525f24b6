import type { Db } from '../../db';
import { requireRole, type Actor } from '../actor';

/** The workspace's credentials without a single value: what they are, who set them, when. */
export async function listCredentials(db: Db, actor: Actor) {
  requireRole(actor, 'admin');
  const rows = await db.credential.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      type: true,
      version: true,
      allowedWorkflowIds: true,
      createdById: true,
      updatedById: true,
      createdAt: true,
      updatedAt: true,
      lastUsedAt: true,
    },
  });
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.createdById, r.updatedById]).filter((u) => u !== null)),
  ];
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, email: true },
  });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return rows.map(({ createdById, updatedById, ...row }) => ({
    ...row,
    set: true as const,
    createdBy: createdById ? (emails.get(createdById) ?? null) : null,
    updatedBy: updatedById ? (emails.get(updatedById) ?? null) : null,
  }));
}

/** Names and types, for editors choosing a credential in a step. */
export async function credentialNames(db: Db, actor: Actor) {
  requireRole(actor, 'editor');
  return db.credential.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { name: 'asc' },
    select: { name: true, type: true },
  });
}
