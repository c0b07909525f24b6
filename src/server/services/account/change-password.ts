import type { z } from 'zod';
import { hashPassword, verifyPassword } from '../../auth/password';
import { endSessions } from '../../auth/sessions';
import {
  ACCOUNT_RULE,
  accountKey,
  countAttempt,
  forgiveAttempt,
} from '../../auth/sign-in-throttle';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { changePasswordInput } from './account-inputs';
import { recordAccountAudit } from './record-account-audit';

/**
 * Changes the caller's own password, given the current one, and ends every session of
 * theirs (this one too: they sign in again with the new password). Wrong current passwords
 * count against the account's sign-in limit: a borrowed session must not be a way to guess
 * the password at full speed.
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: z.infer<typeof changePasswordInput>,
) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, passwordHash: true },
  });
  const account = accountKey(user.email);
  const verdict = await countAttempt(db, account, ACCOUNT_RULE, new Date());
  if (!verdict.allowed) {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `currentPassword: too many wrong passwords; try again in ${seconds} s`,
    );
  }
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('BAD_REQUEST', 'currentPassword: wrong password');
  }
  await forgiveAttempt(db, { account });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await endSessions(tx, userId);
    await recordAccountAudit(tx, userId, 'account.password_changed');
  });
  return { signedOut: true };
}
