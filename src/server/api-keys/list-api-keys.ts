import type { Db } from '../db';
import type { Actor } from '../services/actor';
import { requireRole } from '../services/actor';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** The workspace's keys, newest first (the latest 200), never their secrets. */
export async function listApiKeys(db: Db, actor: Actor) {
  requireRole(actor, 'admin');
  const rows = await db.apiKey.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: {
      id: true,
      name: true,
      role: true,
      prefix: true,
      createdById: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  const creatorIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const creators = await db.user.findMany({
    where: { id: { in: creatorIds } },
    select: { id: true, email: true },
  });
  const emails = new Map(creators.map((u) => [u.id, u.email]));
  const now = Date.now();
  const statusOf = (row: (typeof rows)[number]): ApiKeyStatus =>
    row.revokedAt
      ? 'revoked'
      : row.expiresAt && row.expiresAt.getTime() <= now
        ? 'expired'
        : 'active';
  return rows.map(({ createdById, ...row }) => ({
    ...row,
    createdBy: createdById ? (emails.get(createdById) ?? null) : null,
    status: statusOf({ ...row, createdById }),
  }));
}
