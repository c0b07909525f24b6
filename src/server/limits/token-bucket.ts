import { metrics } from '../metrics/metrics';
import type { Sql } from '../runtime/sql';
import { RefusalMemo } from './refusal-memo';

/** A sustained rate with room for a burst: `burst` requests at once, then `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export type BucketVerdict =
  | { allowed: true; limit: number; remaining: number; resetMs: number }
  | { allowed: false; limit: number; remaining: 0; resetMs: number; retryAfterMs: number };

// One per process, shared by the app's bundled routes and the code `npm start` loads
// directly (which refuses known floods before the app: early-answers.ts).
const MEMO = Symbol.for('miniflow.refusalMemo');
const holder = globalThis as { [MEMO]?: RefusalMemo };
const refusals = (holder[MEMO] ??= new RefusalMemo());

/**
 * Takes one request from the bucket `key` (GCRA: the bucket is the theoretical arrival
 * time of the next request, `tat`). One statement, on PostgreSQL's clock, so every
 * MiniFlow process shares the bucket and none can race another past it. A refusal writes
 * nothing: the conditional update leaves the row, and the same statement reads it to say
 * when the next request will be allowed; until then this process refuses the key without
 * asking the database (refusal-memo.ts).
 */
export async function takeFromBucket(
  sql: Sql,
  key: string,
  limit: RateLimit,
  memo: RefusalMemo = refusals,
): Promise<BucketVerdict> {
  const intervalMs = 1000 / limit.perSecond;
  const toleranceMs = intervalMs * limit.burst;
  const known = knownRefusal(key, limit, memo);
  if (known) return known;
  const [row] = await sql.query<{ granted: number | null; current: number | null; now: number }>(
    `WITH t AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS now),
     taken AS (
       INSERT INTO "RateBucket" AS b (key, tat) SELECT $1, t.now + $2::float8 FROM t
       ON CONFLICT (key) DO UPDATE SET tat = greatest(b.tat, (SELECT now FROM t)) + $2::float8
       WHERE greatest(b.tat, (SELECT now FROM t)) + $2::float8 <= (SELECT now FROM t) + $3::float8
       RETURNING tat)
     SELECT (SELECT tat FROM taken) AS granted,
            (SELECT tat FROM "RateBucket" WHERE key = $1) AS current,
            (SELECT now FROM t) AS now`,
    [key, intervalMs, toleranceMs],
  );
  const { granted, current, now } = row!;
  if (granted !== null) {
    const remaining = Math.max(0, Math.floor((now + toleranceMs - granted) / intervalMs));
    return { allowed: true, limit: limit.burst, remaining, resetMs: Math.max(0, granted - now) };
  }
  // Null only when a concurrent first request's row is not yet visible: the bucket is full.
  const tat = current ?? now + toleranceMs;
  const retryAfterMs = Math.max(1, tat + intervalMs - toleranceMs - now);
  memo.remember(key, retryAfterMs);
  countRefusal(key);
  return {
    allowed: false,
    limit: limit.burst,
    remaining: 0,
    resetMs: tat - now,
    retryAfterMs,
  };
}

/**
 * The refusal this process already knows `key` is under, counted as one; undefined when
 * only the database can tell. For the server to refuse a flood before any framework runs.
 */
export function knownRefusal(
  key: string,
  limit: RateLimit,
  memo: RefusalMemo = refusals,
): Extract<BucketVerdict, { allowed: false }> | undefined {
  const refusedFor = memo.refusedFor(key);
  if (refusedFor === undefined) return undefined;
  countRefusal(key);
  const intervalMs = 1000 / limit.perSecond;
  return {
    allowed: false,
    limit: limit.burst,
    remaining: 0,
    resetMs: refusedFor + intervalMs * limit.burst - intervalMs,
    retryAfterMs: refusedFor,
  };
}

/** By the bucket's kind (`hook`, `hooks`, `apikey`, `user`, `signin`), never its key. */
function countRefusal(key: string): void {
  metrics().rateLimited.inc({ scope: key.slice(0, key.indexOf(':')) });
}
