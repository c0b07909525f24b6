import { createHmac, timingSafeEqual } from 'node:crypto';

/** The request header that carries a webhook's signature. */
export const SIGNATURE_HEADER = 'x-miniflow-signature';
/** The request header that carries the Unix time (seconds) the signature covers. */
export const TIMESTAMP_HEADER = 'x-miniflow-timestamp';

/** How far a timestamp may be off the server's clock unless the trigger says otherwise. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const V1 = 'v1=';
const BODY_ONLY = 'sha256=';
const HEX = /^[0-9a-fA-F]{64}$/;

/** What a v1 signature covers, as the error messages and the README spell it. */
export const SIGNED_CONTENT = '"v1:<timestamp>:<METHOD>:<path?query>:<body>"';

/** The parts of a request a v1 signature covers. */
export interface SignedRequest {
  /** Unix time in whole seconds, as sent in X-MiniFlow-Timestamp. */
  timestamp: string;
  method: string;
  /** The path and query string as the server receives them, e.g. `/api/hooks/acme/orders?x=1`. */
  pathAndQuery: string;
  body: Uint8Array | string;
}

function v1Digest(request: SignedRequest, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`v1:${request.timestamp}:${request.method.toUpperCase()}:${request.pathAndQuery}:`)
    .update(request.body)
    .digest();
}

/** The two headers a sender adds: the timestamp and `v1=<hex HMAC-SHA256>`. */
export function signRequest(request: SignedRequest, secret: string): Record<string, string> {
  return {
    [TIMESTAMP_HEADER]: request.timestamp,
    [SIGNATURE_HEADER]: V1 + v1Digest(request, secret).toString('hex'),
  };
}

/** The former header value: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signBody(body: Uint8Array | string, secret: string): string {
  return BODY_ONLY + createHmac('sha256', secret).update(body).digest('hex');
}

export interface SignatureRules {
  toleranceSeconds: number;
  acceptBodyOnly: boolean;
  /** The server's clock, in milliseconds. */
  now: number;
}

export interface PresentedSignature {
  signature: string | null;
  timestamp: string | null;
}

/** Undefined when the request is signed with `secret`, else what is wrong, naming the header. */
export function signatureProblem(
  presented: PresentedSignature,
  request: Omit<SignedRequest, 'timestamp'>,
  secret: string,
  rules: SignatureRules,
): string | undefined {
  const value = presented.signature?.trim();
  if (!value) {
    return `Missing X-MiniFlow-Signature header: send v1=<hex HMAC-SHA256 of ${SIGNED_CONTENT}> with X-MiniFlow-Timestamp`;
  }
  const lower = value.toLowerCase();
  if (lower.startsWith(BODY_ONLY)) {
    if (!rules.acceptBodyOnly) {
      return (
        'X-MiniFlow-Signature: this webhook does not accept body-only (sha256=) signatures; ' +
        `send v1=<hex HMAC-SHA256 of ${SIGNED_CONTENT}> with X-MiniFlow-Timestamp`
      );
    }
    return hexMatches(value.slice(BODY_ONLY.length), () =>
      createHmac('sha256', secret).update(request.body).digest(),
    )
      ? undefined
      : 'X-MiniFlow-Signature: does not match the body';
  }
  if (!lower.startsWith(V1) || !HEX.test(value.slice(V1.length))) {
    return 'X-MiniFlow-Signature: must be v1=<64 hex digits>';
  }
  const timestamp = presented.timestamp?.trim();
  if (!timestamp) {
    return 'Missing X-MiniFlow-Timestamp header: the Unix time in seconds the signature covers';
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return 'X-MiniFlow-Timestamp: must be the Unix time in whole seconds';
  }
  if (!hexMatches(value.slice(V1.length), () => v1Digest({ ...request, timestamp }, secret))) {
    return `X-MiniFlow-Signature: does not match the request (v1 signs ${SIGNED_CONTENT})`;
  }
  // Checked after the signature, so only a genuine request learns about the clock.
  const skew = Math.floor(rules.now / 1000) - Number(timestamp);
  if (Math.abs(skew) > rules.toleranceSeconds) {
    const where = skew > 0 ? 'in the past' : 'in the future';
    return (
      `X-MiniFlow-Timestamp: ${Math.abs(skew)} s ${where}, beyond the ${rules.toleranceSeconds} s ` +
      'this webhook tolerates (a replayed request, or a clock out of sync)'
    );
  }
  return undefined;
}

/**
 * Compares in constant time, so response timing does not reveal how much of a guess was
 * right.
 */
function hexMatches(hex: string, expected: () => Buffer): boolean {
  if (!HEX.test(hex)) return false;
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected());
}
