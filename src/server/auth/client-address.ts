/**
 * The client address of a request, as the Node server established it from the connection
 * (and, behind trusted proxies, from X-Forwarded-For). Set by `npm start` on every request
 * over whatever the client sent, so code behind it can rely on it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-miniflow-client-address';

/** The headers a proxy adds to say who its client was and how it was reached. */
export const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
] as const;

/**
 * The client's address: the connection's peer, or with `trusted` proxies in front the
 * address the outermost trusted proxy saw (X-Forwarded-For entries are appended by each
 * proxy in turn, so only the last `trusted` ones were not written by the client).
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: number,
): string | undefined {
  if (trusted === 0) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops[hops.length - trusted] ?? hops[0] ?? peer;
}

/** The address `npm start` established for a request, when it did. */
export function clientAddressOf(headers: Headers): string | undefined {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? undefined;
}
