import type { IncomingMessage } from 'node:http';
import { CLIENT_ADDRESS_HEADER, FORWARDING_HEADERS, resolveClientAddress } from './client-address';

/**
 * Makes a request's headers say only what can be believed about its client, before the app
 * sees it: the client address in CLIENT_ADDRESS_HEADER (whatever the client sent there is
 * replaced), and, with no trusted proxy in front, no X-Forwarded-* or Forwarded header at
 * all, so Next derives host and protocol from the connection itself.
 */
export function establishClient(req: IncomingMessage, trustedProxies: number): void {
  const address = resolveClientAddress(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
    trustedProxies,
  );
  if (trustedProxies === 0) for (const name of FORWARDING_HEADERS) delete req.headers[name];
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
}
