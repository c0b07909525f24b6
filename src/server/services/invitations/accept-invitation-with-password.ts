import type { z } from 'zod';
import { hashPassword } from '../../auth/password';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { acceptWithPasswordInput } from './invitation-inputs';
import { lockPendingInvitation } from './invitation-token';
import { joinWorkspace } from './join-workspace';

/**
 * The invitee, signed out, creates their account with a password they choose and joins.
 * An email that has an account already must sign in with it instead: the password of an
 * existing account is never set through a link.
 */
export async function acceptInvitationWithPassword(
  db: Db,
  input: z.infer<typeof acceptWithPasswordInput>,
) {
  // A wrong link is refused before the costly hash, so it cannot be used to load the server.
  await db.$transaction((tx) => lockPendingInvitation(tx, input.token));
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const invitation = await lockPendingInvitation(tx, input.token);
    const existing = await tx.user.findUnique({
      where: { email: invitation.email },
      select: { id: true },
    });
    if (existing) {
      throw new AppError(
        'CONFLICT',
        'Sign in with your existing account to accept this invitation',
      );
    }
    const user = await tx.user.create({
      data: { email: invitation.email, name: input.name || null, passwordHash },
      select: { id: true, email: true },
    });
    const joined = await joinWorkspace(tx, invitation, user.id);
    return { ...joined, email: user.email };
  });
}
