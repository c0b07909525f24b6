import type { Db } from '../db';
import { logger } from '../logger';
import { recordAudit, type AuditInput } from './record-audit';

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

type FailedAttempt = Pick<SignInAttempt, 'email' | 'clientAddress'>;

interface FailureQueue {
  waiting: FailedAttempt[];
  draining: boolean;
}

// Per database client (one in the app), so a flood of wrong passwords holds one connection.
const queues = new WeakMap<Db, FailureQueue>();
const BATCH = 200;

/**
 * Records a failed attempt without holding up the answer: the response must take the same
 * time whether or not the email has an account (and so how many chains it is written to).
 * The account is looked up here, off the answer's path, for the same reason.
 *
 * Failures are written one batch at a time, each chain's share in one transaction: a burst
 * of attempts recorded each in its own transaction would queue on the chain's lock while
 * holding every connection of the pool, and starve the rest of the app (health checks,
 * webhooks) for as long as the chain takes to catch up.
 */
export function recordSignInFailure(db: Db, attempt: FailedAttempt): void {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], draining: false }));
  queue.waiting.push(attempt);
  if (!queue.draining) void drainFailures(db, queue);
}

async function drainFailures(db: Db, queue: FailureQueue): Promise<void> {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, BATCH);
      await recordFailures(db, batch).catch((err: unknown) =>
        logger.error(
          { err, attempts: batch.length },
          'Could not record failed sign-ins in the audit trail',
        ),
      );
    }
  } finally {
    queue.draining = false;
  }
}

async function recordFailures(db: Db, batch: FailedAttempt[]): Promise<void> {
  const users = await db.user.findMany({
    where: { email: { in: [...new Set(batch.map((a) => a.email))] } },
    select: { id: true, email: true, memberships: { select: { workspaceId: true } } },
  });
  const byEmail = new Map(users.map((u) => [u.email, u]));
  // In attempt order within each chain; one chain per transaction, so no lock order to keep.
  const chains = new Map<string | null, AuditInput[]>();
  for (const attempt of batch) {
    const user = byEmail.get(attempt.email);
    const workspaces = user?.memberships.length
      ? user.memberships.map((m) => m.workspaceId)
      : [null];
    for (const workspaceId of workspaces) {
      const entries = chains.get(workspaceId) ?? [];
      entries.push({
        workspaceId,
        actorId: null,
        action: SIGN_IN_FAILED,
        targetType: 'user',
        targetId: user?.id ?? null,
        data: { email: attempt.email },
        ip: attempt.clientAddress,
      });
      chains.set(workspaceId, entries);
    }
  }
  for (const entries of chains.values()) {
    await db.$transaction(async (tx) => {
      for (const entry of entries) await recordAudit(tx, entry);
    });
  }
}
