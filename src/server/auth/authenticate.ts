import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { hashPassword, verifyPassword } from './password';
import {
  ACCOUNT_RULE,
  ADDRESS_RULE,
  ATTEMPTS_COUNTED_PER_ADDRESS,
  PAIR_RULE,
  accountKey,
  addressKey,
  countAttempt,
  forgiveAttempt,
  lockedOut,
  pairKey,
  pruneAttempts,
  type ThrottleVerdict,
} from './sign-in-throttle';

export interface Credentials {
  /** Trimmed and lower-cased. */
  email: string;
  password: string;
  /** The client's address as the server established it; unknown: the account limit only. */
  address?: string | undefined;
}

export type SignInOutcome =
  | {
      ok: true;
      user: { id: string; email: string; name: string | null; sessionVersion: number };
    }
  | { ok: false; reason: 'wrong-credentials' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

let dummy: Promise<string> | undefined;

/**
 * A hash no password matches, checked when the email has no password to check: an unknown
 * email then costs one argon2 verification like a wrong password, so the time taken does
 * not tell which emails have accounts.
 */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

/**
 * Checks an email and password, throttled per account, per client address and per both. Throttling
 * counts the attempt before the password is checked and whether or not the account exists,
 * so a lock-out says nothing about which emails have accounts either.
 */
export async function authenticate(
  db: Db,
  credentials: Credentials,
  now = new Date(),
): Promise<SignInOutcome> {
  await pruneAttempts(db, now);
  const account = accountKey(credentials.email);
  const address = credentials.address ? addressKey(credentials.address) : undefined;
  // The address first: once it is locked out, the emails it sprays are not even counted,
  // so one client cannot fill the table with a row per made-up email.
  const pair = credentials.address ? pairKey(credentials.email, credentials.address) : undefined;
  const verdicts: ThrottleVerdict[] = [];
  const go = () => !verdicts.some((v) => !v.allowed);
  if (address) verdicts.push(await countAttempt(db, address, ADDRESS_RULE, now));
  // Each address spends only its first attempts of the account's; later ones lock the pair
  // (and the address), and still respect a lock of the account that others caused.
  let countAccount = true;
  if (pair && go()) {
    const verdict = await countAttempt(db, pair, PAIR_RULE, now);
    verdicts.push(verdict);
    countAccount = verdict.allowed && verdict.attempts <= ATTEMPTS_COUNTED_PER_ADDRESS;
  }
  if (go()) {
    verdicts.push(
      countAccount
        ? await countAttempt(db, account, ACCOUNT_RULE, now)
        : await lockedOut(db, account, now),
    );
  }
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length > 0) {
    return {
      ok: false,
      reason: 'throttled',
      retryAfterMs: Math.max(...refused.map((v) => v.retryAfterMs)),
    };
  }
  const user = await db.user.findUnique({
    where: { email: credentials.email },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
  });
  const matches = await verifyPassword(
    user?.passwordHash ?? (await dummyHash()),
    credentials.password,
  );
  if (!user?.passwordHash || !matches) return { ok: false, reason: 'wrong-credentials' };
  await forgiveAttempt(db, { account, address, pair });
  const { id, email, name, sessionVersion } = user;
  return { ok: true, user: { id, email, name, sessionVersion } };
}
