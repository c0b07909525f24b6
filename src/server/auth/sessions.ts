import type { DbTx } from '../db';
import { notifyAccessChanged } from '../events/access-listener';

/**
 * Sessions are JWTs that carry the user's session version; a token whose version is not the
 * user's current one is refused at its next request. Bumping the version ends them all.
 */
export async function endSessions(tx: DbTx, userId: string): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true },
  });
  await notifyAccessChanged(tx, [userId]);
}

/** A user who no longer belongs to any workspace is signed out everywhere. */
export async function endSessionsOfUsersWithoutWorkspace(
  tx: DbTx,
  userIds: Iterable<string>,
): Promise<void> {
  for (const userId of new Set(userIds)) {
    const left = await tx.membership.count({ where: { userId } });
    if (left === 0) await endSessions(tx, userId);
  }
}

/** Whether a session token of `userId` with `version` is still valid. */
export async function isSessionCurrent(
  db: DbTx,
  userId: string,
  version: number,
): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  return user?.sessionVersion === version;
}
