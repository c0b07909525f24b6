import { createHash, randomBytes } from 'node:crypto';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';

/** 256 random bits for the link; only its hash is stored. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(
  row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

// One answer for unknown, used, revoked and expired links: a link tells nothing more.
const unusable = () =>
  new AppError('NOT_FOUND', 'Invitation not found: the link is wrong, used, revoked or expired');

/**
 * The pending invitation a token opens, locked for the rest of the transaction so it is
 * accepted at most once.
 */
export async function lockPendingInvitation(tx: DbTx, token: string) {
  const tokenHash = hashInvitationToken(token);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation" WHERE "tokenHash" = ${tokenHash} FOR UPDATE`;
  if (!locked[0]) throw unusable();
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { id: locked[0].id },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      workspace: { select: { id: true, slug: true, name: true, deletedAt: true } },
    },
  });
  if (invitationStatus(invitation, new Date()) !== 'pending' || invitation.workspace.deletedAt) {
    throw unusable();
  }
  return invitation;
}
