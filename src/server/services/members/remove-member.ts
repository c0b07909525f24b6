import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { endSessionsOfUsersWithoutWorkspace } from '../../auth/sessions';
import type { Db } from '../../db';
import { notifyAccessChanged } from '../../events/access-listener';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCanGrant } from './assert-can-grant';
import { assertNotLastOwner, lockMembership } from './lock-membership';
import type { removeMemberInput } from './member-inputs';

/**
 * Removes a member. Their open live streams close (access notice); a user left without any
 * workspace is also signed out everywhere.
 */
export async function removeMember(db: Db, actor: Actor, input: z.infer<typeof removeMemberInput>) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const membership = await lockMembership(tx, actor.workspaceId, input.membershipId);
    assertCanGrant(actor, membership.role, membership.role);
    if (membership.role === 'owner') await assertNotLastOwner(tx, actor.workspaceId);
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'member.removed',
      targetType: 'membership',
      targetId: membership.id,
      data: { userId: membership.userId, role: membership.role },
    });
    await notifyAccessChanged(tx, [membership.userId]);
    await endSessionsOfUsersWithoutWorkspace(tx, [membership.userId]);
    return { id: membership.id };
  });
}
