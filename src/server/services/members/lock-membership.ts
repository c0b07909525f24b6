import type { DbTx } from '../../db';
import { AppError, notFound } from '../../errors';

/**
 * A membership of the workspace, read under a lock on the workspace's members, so two
 * demotions or removals cannot both pass the last-owner check (assertNotLastOwner).
 */
export async function lockMembership(tx: DbTx, workspaceId: string, membershipId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`members:${workspaceId}`}))`;
  const membership = await tx.membership.findFirst({ where: { id: membershipId, workspaceId } });
  if (!membership) throw notFound('Member');
  return membership;
}

/** Refuses to take the owner role from the workspace's only owner; call under lockMembership. */
export async function assertNotLastOwner(tx: DbTx, workspaceId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { workspaceId, role: 'owner' } });
  if (owners <= 1) throw new AppError('CONFLICT', 'A workspace must keep at least one owner');
}
