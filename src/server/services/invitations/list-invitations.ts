import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { invitationStatus } from './invitation-token';

/** The workspace's invitations, newest first (the latest 100), with where each stands. */
export async function listInvitations(db: Db, actor: Actor) {
  requireRole(actor, 'admin');
  const rows = await db.invitation.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
    },
  });
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    status: invitationStatus(row, now),
  }));
}
