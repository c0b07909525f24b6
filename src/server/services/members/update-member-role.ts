import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notifyAccessChanged } from '../../events/access-listener';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCanGrant } from './assert-can-grant';
import { assertNotLastOwner, lockMembership } from './lock-membership';
import type { updateMemberRoleInput } from './member-inputs';

export async function updateMemberRole(
  db: Db,
  actor: Actor,
  input: z.infer<typeof updateMemberRoleInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const membership = await lockMembership(tx, actor.workspaceId, input.membershipId);
    assertCanGrant(actor, input.role, membership.role);
    if (membership.role === 'owner' && input.role !== 'owner')
      await assertNotLastOwner(tx, actor.workspaceId);
    const updated = await tx.membership.update({
      where: { id: membership.id },
      data: { role: input.role },
      select: { id: true, role: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'member.role_changed',
      targetType: 'membership',
      targetId: membership.id,
      data: { from: membership.role, to: input.role },
    });
    await notifyAccessChanged(tx, [membership.userId]);
    return updated;
  });
}
