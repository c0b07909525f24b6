import { NextRequest } from 'next/server';
import { env } from '../env';

/**
 * The origin a client used to reach MiniFlow: `AUTH_URL` when set, else the request's
 * `X-Forwarded-Proto` and `X-Forwarded-Host` (or `Host`). Next fills those from the
 * connection, and `npm start` drops any a client sent unless MINIFLOW_TRUSTED_PROXIES says
 * a proxy in front sets them, so they can be believed here.
 */
export function publicOrigin(headers: Headers): string | undefined {
  const configured = env().AUTH_URL;
  if (configured) return new URL(configured).origin;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!host) return undefined;
  const proto = headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * The request as the client addressed it. A route's URL is built by Next from the address
 * the server listens on (`localhost`), so Auth.js, which takes its redirects and the
 * `Secure` flag of its cookies from the URL, would send a client that came by another
 * address back to localhost, and would not mark cookies Secure behind an https proxy.
 */
export function withPublicOrigin(request: NextRequest): NextRequest {
  const origin = publicOrigin(request.headers);
  if (!origin || origin === request.nextUrl.origin) return request;
  return new NextRequest(request.nextUrl.href.replace(request.nextUrl.origin, origin), request);
}
