import { createHmac, timingSafeEqual } from 'node:crypto';

/** The request header that carries a webhook's signature. */
export const SIGNATURE_HEADER = 'x-miniflow-signature';

const PREFIX = 'sha256=';

/** The header value a caller sends: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signBody(body: Uint8Array | string, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * True when `header` is the HMAC-SHA256 of the raw body under `secret`. The comparison is
 * constant-time, so response timing does not reveal how much of a guess was right.
 */
export function verifySignature(body: Uint8Array, header: string | null, secret: string): boolean {
  if (!header) return false;
  const value = header.trim();
  if (!value.toLowerCase().startsWith(PREFIX)) return false;
  const hex = value.slice(PREFIX.length);
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(given, expected);
}
