import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCanGrant } from '../members/assert-can-grant';
import type { createInvitationInput } from './invitation-inputs';
import { newInvitationToken } from './invitation-token';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Makes a single-use link that joins `email` to the workspace with `role`. The token is
 * returned once and stored only as a hash. Whether the email already has an account is
 * never looked at here, so the answer is the same either way. A newer invitation for the
 * same email replaces a pending one.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createInvitationInput>,
) {
  requireRole(actor, 'admin');
  assertCanGrant(actor, input.role);
  const { token, tokenHash } = newInvitationToken();
  return db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { workspaceId: actor.workspaceId, user: { email: input.email } },
      select: { id: true },
    });
    if (member) throw new AppError('CONFLICT', `email: ${input.email} is already a member`);
    const now = new Date();
    await tx.invitation.updateMany({
      where: {
        workspaceId: actor.workspaceId,
        email: input.email,
        acceptedAt: null,
        revokedAt: null,
      },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: {
        workspaceId: actor.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash,
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
        createdById: actor.userId,
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email: input.email, role: input.role, expiresAt: invitation.expiresAt.toISOString() },
    });
    return { ...invitation, token };
  });
}
