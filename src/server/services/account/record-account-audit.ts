import { recordAudit } from '../../audit/record-audit';
import type { DbTx } from '../../db';

/**
 * Account events belong to the user, not to one workspace: each workspace the user is a
 * member of records them, so every one of its admins can see them.
 */
export async function recordAccountAudit(tx: DbTx, userId: string, action: string) {
  const memberships = await tx.membership.findMany({
    where: { userId },
    select: { workspaceId: true },
  });
  for (const { workspaceId } of memberships) {
    await recordAudit(tx, {
      workspaceId,
      actorId: userId,
      action,
      targetType: 'user',
      targetId: userId,
    });
  }
}
