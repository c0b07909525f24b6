import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { notifyAccessChanged } from '../../events/access-listener';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { transferOwnershipInput } from './workspace-inputs';

/** Makes another member the owner; the acting owner stays on as an admin. */
export async function transferOwnership(
  db: Db,
  actor: Actor,
  input: z.infer<typeof transferOwnershipInput>,
) {
  requireRole(actor, 'owner');
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`members:${actor.workspaceId}`}))`;
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, workspaceId: actor.workspaceId },
      select: { id: true, userId: true, role: true },
    });
    if (!target) throw notFound('Member');
    if (target.userId === actor.userId) {
      throw new AppError('BAD_REQUEST', 'membershipId: you already own this workspace');
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: 'owner' } });
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: actor.userId } },
      data: { role: 'admin' },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workspace.ownership_transferred',
      targetType: 'membership',
      targetId: target.id,
      data: { to: target.userId, from: actor.userId, previousRole: target.role },
    });
    await notifyAccessChanged(tx, [actor.userId, target.userId]);
    return { id: target.id, role: 'owner' as const };
  });
}
