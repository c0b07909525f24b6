import type { Db } from '../db';
import { logger } from '../logger';
import { recordAudit } from './record-audit';

export const SIGNED_IN = 'auth.signed_in';
export const SIGN_IN_FAILED = 'auth.sign_in_failed';

export interface SignInAttempt {
  /** The email as entered (normalised). */
  email: string;
  /** The account the email belongs to, or null when none does. */
  userId: string | null;
  succeeded: boolean;
  clientAddress: string | null;
}

/**
 * A sign-in concerns an account, not a workspace: it is recorded in the chain of every
 * workspace the account belongs to, so each of their admins sees it. An attempt on an
 * email without an account, or on an account in no workspace, goes to the system chain,
 * which `miniflow audit verify` checks but no workspace's page shows.
 */
export async function recordSignIn(db: Db, attempt: SignInAttempt): Promise<void> {
  const memberships = attempt.userId
    ? await db.membership.findMany({
        where: { userId: attempt.userId },
        select: { workspaceId: true },
        // One order for every writer: the chains' locks are taken in it.
        orderBy: { workspaceId: 'asc' },
      })
    : [];
  const chains = memberships.length ? memberships.map((m) => m.workspaceId) : [null];
  await db.$transaction(async (tx) => {
    for (const workspaceId of chains) {
      await recordAudit(tx, {
        workspaceId,
        actorId: attempt.succeeded ? attempt.userId : null,
        action: attempt.succeeded ? SIGNED_IN : SIGN_IN_FAILED,
        targetType: 'user',
        targetId: attempt.userId,
        data: { email: attempt.email },
        ip: attempt.clientAddress,
      });
    }
  });
}

/**
 * Records a failed attempt without holding up the answer: the response must take the same
 * time whether or not the email has an account (and so how many chains it is written to).
 * The account is looked up here, off the answer's path, for the same reason.
 */
export function recordSignInFailure(
  db: Db,
  attempt: Pick<SignInAttempt, 'email' | 'clientAddress'>,
): void {
  db.user
    .findUnique({ where: { email: attempt.email }, select: { id: true } })
    .then((user) => recordSignIn(db, { ...attempt, userId: user?.id ?? null, succeeded: false }))
    .catch((err: unknown) =>
      logger.error({ err }, 'Could not record a failed sign-in in the audit trail'),
    );
}
