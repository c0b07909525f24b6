import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, PAGE_HEADERS } from '@/server/security/security-headers';

/**
 * Security headers on every page. Next applies the nonce of the CSP it finds on the
 * request to the scripts it renders, which is why the policy goes on the request too and
 * why every page renders per request (see the root layout).
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  for (const [name, value] of Object.entries(PAGE_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Pages only: API answers carry headers of their own, static files need none.
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
