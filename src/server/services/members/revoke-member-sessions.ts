import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { endSessions } from '../../auth/sessions';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { removeMemberInput } from './member-inputs';

/**
 * Ends every session of a member (an owner resetting someone's access: then remove and
 * invite them again if their password may be known to others).
 */
export async function revokeMemberSessions(
  db: Db,
  actor: Actor,
  input: z.infer<typeof removeMemberInput>,
) {
  requireRole(actor, 'owner');
  return db.$transaction(async (tx) => {
    const membership = await tx.membership.findFirst({
      where: { id: input.membershipId, workspaceId: actor.workspaceId },
      select: { id: true, userId: true },
    });
    if (!membership) throw notFound('Member');
    await endSessions(tx, membership.userId);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'member.sessions_revoked',
      targetType: 'membership',
      targetId: membership.id,
      data: { userId: membership.userId },
    });
    return { id: membership.id };
  });
}
