import type { NextRequest } from 'next/server';
import { handlers } from '@/server/auth/config';
import { withPublicOrigin } from '@/server/auth/public-origin';
import { signInGate } from '@/server/auth/sign-in-gate';
import { boundRequestBody } from '@/server/http/bound-request-body';

/** Auth.js forms are a few hundred bytes; it would read any body whole. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export const GET = (request: NextRequest) => handlers.GET(withPublicOrigin(request));
export const POST = async (request: NextRequest) => {
  const bounded = await boundRequestBody(request, MAX_AUTH_BODY_BYTES);
  if (bounded instanceof Response) return bounded;
  if (bounded.nextUrl.pathname.endsWith('/callback/credentials')) {
    const refused = await signInGate(bounded.headers);
    if (refused) return refused;
  }
  return handlers.POST(withPublicOrigin(bounded));
};
