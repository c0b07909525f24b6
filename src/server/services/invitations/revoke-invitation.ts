import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCanGrant } from '../members/assert-can-grant';
import type { revokeInvitationInput } from './invitation-inputs';
import { invitationStatus } from './invitation-token';

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(
  db: Db,
  actor: Actor,
  input: z.infer<typeof revokeInvitationInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Invitation"
      WHERE id = ${input.invitationId} AND "workspaceId" = ${actor.workspaceId} FOR UPDATE`;
    if (!locked[0]) throw notFound('Invitation');
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { id: locked[0].id },
      select: {
        id: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
      },
    });
    assertCanGrant(actor, invitation.role);
    const status = invitationStatus(invitation, new Date());
    if (status !== 'pending') {
      throw new AppError('CONFLICT', `invitationId: the invitation is ${status}, not pending`);
    }
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
    return { id: invitation.id, status: 'revoked' as const };
  });
}
