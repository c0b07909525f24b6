import { db } from '../db';
import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { takeFromBucket, type RateLimit } from '../limits/token-bucket';
import { asSql } from '../runtime/sql';
import { clientAddressOf } from './client-address';

/**
 * Sign-in attempts per client address before the sign-in machinery runs at all: a burst of
 * 30, then one a second. Looser than the per-address lock-out behind it (which counts
 * failures over 15 minutes), it only keeps a flood from costing more than a refusal, which
 * this process answers from memory once the bucket has refused (refusal-memo.ts).
 */
export const SIGN_IN_GATE: RateLimit = { perSecond: 1, burst: 30 };

/** The 429 to answer instead of trying the sign-in; undefined: go on. */
export async function signInGate(headers: Headers): Promise<Response | undefined> {
  const address = clientAddressOf(headers) ?? 'unknown';
  const verdict = await takeFromBucket(asSql(db), `signin:${address}`, SIGN_IN_GATE);
  if (verdict.allowed) return undefined;
  return Response.json(
    { error: { message: 'Too many sign-in attempts from this address: try again later' } },
    { status: 429, headers: rateLimitHeaders(verdict) },
  );
}
