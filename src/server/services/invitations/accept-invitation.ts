import type { Db } from '../../db';
import { AppError } from '../../errors';
import { lockPendingInvitation } from './invitation-token';
import { joinWorkspace } from './join-workspace';

/** A signed-in user joins with the account they have; the invitation must be for its email. */
export async function acceptInvitation(db: Db, userId: string, token: string) {
  return db.$transaction(async (tx) => {
    const invitation = await lockPendingInvitation(tx, token);
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true },
    });
    if (user.email !== invitation.email) {
      throw new AppError(
        'FORBIDDEN',
        `This invitation is for ${invitation.email}; you are signed in as ${user.email}`,
      );
    }
    return joinWorkspace(tx, invitation, userId);
  });
}
