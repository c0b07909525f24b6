import { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../db';
import { limitedAddress } from './client-address';

/** How many sign-in attempts a key may make per window before it is locked out. */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  /** The first lock-out; each attempt made while locked doubles it, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
}

const MINUTE = 60_000;

/** Per account: 5 attempts per 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = {
  limit: 5,
  windowMs: 15 * MINUTE,
  lockMs: 30_000,
  maxLockMs: 60 * MINUTE,
};

/** Per client address: more, since many people may sign in from behind one NAT. */
export const ADDRESS_RULE: ThrottleRule = {
  limit: 20,
  windowMs: 15 * MINUTE,
  lockMs: 30_000,
  maxLockMs: 60 * MINUTE,
};

/** Per account and address: what one address may try on one account. */
export const PAIR_RULE: ThrottleRule = ACCOUNT_RULE;

/**
 * How many attempts of one address count against its account: past them, the address only
 * locks itself, so a flood from one address never locks the owner out everywhere else.
 * Several addresses together still lock the account.
 */
export const ATTEMPTS_COUNTED_PER_ADDRESS = 2;

export const accountKey = (email: string) => `account:${email}`;
export const addressKey = (address: string) => `address:${limitedAddress(address)}`;
export const pairKey = (email: string, address: string) =>
  `pair:${limitedAddress(address)}:${email}`;

export type ThrottleVerdict =
  { allowed: true; attempts: number } | { allowed: false; retryAfterMs: number };

const at = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Counts one attempt for `key` and says whether it may go on to the password check. One
 * atomic statement per attempt, made BEFORE the check: a flood of parallel attempts gets
 * exactly `limit` checks, never one per request that raced past a read. The window starts
 * again once it is over and no lock-out holds; past the limit every attempt (even one
 * refused while locked) extends the lock-out, doubling it.
 */
export async function countAttempt(
  db: DbTx,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<ThrottleVerdict> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const fresh = Prisma.sql`t."windowStart" <= ${at(windowStart)}
    AND (t."lockedUntil" IS NULL OR t."lockedUntil" <= ${at(now)})`;
  const [row] = await db.$queryRaw<{ attempts: number; lockedUntilMs: number | null }[]>`
    INSERT INTO "SignInThrottle" AS t (key, attempts, "windowStart")
    VALUES (${key}, 1, ${at(now)})
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN ${fresh} THEN 1 ELSE t.attempts + 1 END,
      "windowStart" = CASE WHEN ${fresh} THEN ${at(now)} ELSE t."windowStart" END,
      "lockedUntil" = CASE
        WHEN ${fresh} THEN NULL
        WHEN t.attempts + 1 > ${rule.limit} THEN ${at(now)} + make_interval(secs =>
          least(${rule.lockMs}::float8 * power(2, least(t.attempts - ${rule.limit}, 30)),
                ${rule.maxLockMs}::float8) / 1000)
        ELSE t."lockedUntil" END
    RETURNING attempts,
      (extract(epoch FROM t."lockedUntil" AT TIME ZONE 'UTC') * 1000)::float8 AS "lockedUntilMs"`;
  if (row!.attempts <= rule.limit) return { allowed: true, attempts: row!.attempts };
  return { allowed: false, retryAfterMs: Math.max(0, (row!.lockedUntilMs ?? 0) - now.getTime()) };
}

const PRUNE_EVERY_MS = 60_000;
let prunedAt = 0;

/**
 * Drops, at most once a minute per process, the keys whose window and lock-out are both
 * over: such a key counts as new anyway, so only the table's size changes.
 */
export async function pruneAttempts(db: DbTx, now: Date): Promise<void> {
  if (now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
  prunedAt = now.getTime();
  const windowMs = Math.max(ACCOUNT_RULE.windowMs, ADDRESS_RULE.windowMs);
  await db.$executeRaw`DELETE FROM "SignInThrottle"
    WHERE "windowStart" <= ${at(new Date(now.getTime() - windowMs))}
      AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${at(now)})`;
}

/** Whether `key` is locked out now, without counting an attempt. */
export async function lockedOut(db: DbTx, key: string, now: Date): Promise<ThrottleVerdict> {
  const [row] = await db.$queryRaw<{ lockedUntilMs: number | null }[]>`
    SELECT (extract(epoch FROM "lockedUntil" AT TIME ZONE 'UTC') * 1000)::float8 AS "lockedUntilMs"
    FROM "SignInThrottle" WHERE key = ${key}`;
  const until = row?.lockedUntilMs ?? 0;
  return until > now.getTime()
    ? { allowed: false, retryAfterMs: until - now.getTime() }
    : { allowed: true, attempts: 0 };
}

/**
 * After a correct password: the account starts afresh, and the address gets back the
 * attempt it spent (people who sign in successfully never lock their office out).
 */
export async function forgiveAttempt(
  db: DbTx,
  keys: { account: string; address?: string | undefined; pair?: string | undefined },
): Promise<void> {
  await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE key = ${keys.account}`;
  if (keys.pair) await db.$executeRaw`DELETE FROM "SignInThrottle" WHERE key = ${keys.pair}`;
  if (keys.address) {
    await db.$executeRaw`UPDATE "SignInThrottle" SET attempts = greatest(attempts - 1, 0)
      WHERE key = ${keys.address}`;
  }
}
