import type { z } from 'zod';
import { hashPassword, verifyPassword } from '../../auth/password';
import { endSessions } from '../../auth/sessions';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { changePasswordInput } from './account-inputs';
import { recordAccountAudit } from './record-account-audit';

/**
 * Changes the caller's own password, given the current one, and ends every session of
 * theirs (this one too: they sign in again with the new password).
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: z.infer<typeof changePasswordInput>,
) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true },
  });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('BAD_REQUEST', 'currentPassword: wrong password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await endSessions(tx, userId);
    await recordAccountAudit(tx, userId, 'account.password_changed');
  });
  return { signedOut: true };
}
