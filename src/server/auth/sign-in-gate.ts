import { db } from '../db';
import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { knownRefusal, takeFromBucket, type RateLimit } from '../limits/token-bucket';
import { asSql } from '../runtime/sql';
import { clientAddressOf, limitedAddress } from './client-address';

/**
 * Sign-in attempts per client address before the sign-in machinery runs at all: a burst of
 * 30, then one a second. Looser than the per-address lock-out behind it (which counts
 * failures over 15 minutes), it only keeps a flood from costing more than a refusal, which
 * this process answers from memory once the bucket has refused (refusal-memo.ts).
 */
export const SIGN_IN_GATE: RateLimit = { perSecond: 1, burst: 30 };

/** Where the sign-in form posts (Auth.js's credentials callback). */
export const SIGN_IN_PATH = '/api/auth/callback/credentials';

const gateKey = (address: string | undefined) =>
  `signin:${address === undefined ? 'unknown' : limitedAddress(address)}`;

const REFUSED = {
  error: { message: 'Too many sign-in attempts from this address: try again later' },
};

/** The 429 to answer instead of trying the sign-in; undefined: go on. */
export async function signInGate(headers: Headers): Promise<Response | undefined> {
  const address = clientAddressOf(headers);
  const verdict = await takeFromBucket(asSql(db), gateKey(address), SIGN_IN_GATE);
  if (verdict.allowed) return undefined;
  return Response.json(REFUSED, { status: 429, headers: rateLimitHeaders(verdict) });
}

/**
 * The same refusal when this process already knows the address is refused, without the
 * database or the sign-in route: `npm start`'s server answers a flood of sign-ins with it
 * before the app's framework sees them, so the flood costs little more than its sockets.
 */
export function knownSignInRefusal(
  address: string | undefined,
): { status: 429; headers: Record<string, string>; body: string } | undefined {
  const verdict = knownRefusal(gateKey(address), SIGN_IN_GATE);
  if (!verdict) return undefined;
  return {
    status: 429,
    headers: { ...rateLimitHeaders(verdict), 'content-type': 'application/json' },
    body: JSON.stringify(REFUSED),
  };
}
