import type { NextRequest } from 'next/server';
import { handlers } from '@/server/auth/config';
import { withPublicOrigin } from '@/server/auth/public-origin';
import { signInGate } from '@/server/auth/sign-in-gate';

export const GET = (request: NextRequest) => handlers.GET(withPublicOrigin(request));
export const POST = async (request: NextRequest) => {
  if (request.nextUrl.pathname.endsWith('/callback/credentials')) {
    const refused = await signInGate(request.headers);
    if (refused) return refused;
  }
  return handlers.POST(withPublicOrigin(request));
};
