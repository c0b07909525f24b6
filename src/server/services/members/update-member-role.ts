import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db, DbTx } from '../../db';
import { AppError, notFound } from '../../errors';
import { notifyAccessChanged } from '../../events/access-listener';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCanGrant } from './assert-can-grant';
import type { updateMemberRoleInput } from './member-inputs';

export async function assertNotLastOwner(tx: DbTx, workspaceId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { workspaceId, role: 'owner' } });
  if (owners <= 1) throw new AppError('CONFLICT', 'A workspace must keep at least one owner');
}

export async function updateMemberRole(
  db: Db,
  actor: Actor,
  input: z.infer<typeof updateMemberRoleInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    // Locks the workspace's owners so two demotions cannot both pass the last-owner check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`members:${actor.workspaceId}`}))`;
    const membership = await tx.membership.findFirst({
      where: { id: input.membershipId, workspaceId: actor.workspaceId },
    });
    if (!membership) throw notFound('Member');
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
