import { recordAudit } from '../../audit/record-audit';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';
import { notifyAccessChanged } from '../../events/access-listener';
import type { lockPendingInvitation } from './invitation-token';

type PendingInvitation = Awaited<ReturnType<typeof lockPendingInvitation>>;

/** Adds the user to the invitation's workspace and uses the invitation up. */
export async function joinWorkspace(tx: DbTx, invitation: PendingInvitation, userId: string) {
  const existing = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: invitation.workspace.id, userId } },
    select: { id: true },
  });
  if (existing) throw new AppError('CONFLICT', 'You are already a member of this workspace');
  const membership = await tx.membership.create({
    data: { workspaceId: invitation.workspace.id, userId, role: invitation.role },
    select: { id: true, role: true },
  });
  await tx.invitation.update({
    where: { id: invitation.id },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  await recordAudit(tx, {
    workspaceId: invitation.workspace.id,
    actorId: userId,
    action: 'invitation.accepted',
    targetType: 'invitation',
    targetId: invitation.id,
    data: { email: invitation.email, role: invitation.role, membershipId: membership.id },
  });
  await notifyAccessChanged(tx, [userId]);
  return {
    workspace: { slug: invitation.workspace.slug, name: invitation.workspace.name },
    role: membership.role,
  };
}
