import { isIPv6 } from 'node:net';

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

/** The eight 16-bit groups of an IPv6 address (zone dropped, embedded IPv4 folded in). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split('%', 1)[0]!;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? first
      : [...first, ...Array<string>(8 - first.length - last.length).fill('0'), ...last];
  if (groups.length !== 8) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

/**
 * The address as limits count it: an IPv6 client by its /64 network (one subscriber gets a
 * whole /64 and can pick any address in it, which would make a per-address limit per
 * request), an IPv4-mapped IPv6 address as the IPv4 address it is, anything else as it is.
 */
export function limitedAddress(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
