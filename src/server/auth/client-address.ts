/**
 * The address a request came from: the first hop of `X-Forwarded-For`, which the Next
 * server sets to the peer's address when no proxy did. Behind a proxy it is what the proxy
 * reports; without one a client can put any value there, so it is a record of what was
 * claimed, not proof of origin.
 */
export function clientAddressOf(headers: Headers): string | undefined {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  // An address, not arbitrary text: at most an IPv6 address with a zone, or a host name.
  return first ? first.slice(0, 100) : undefined;
}
