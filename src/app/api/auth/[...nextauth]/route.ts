import type { NextRequest } from 'next/server';
import { handlers } from '@/server/auth/config';
import { withPublicOrigin } from '@/server/auth/public-origin';

export const GET = (request: NextRequest) => handlers.GET(withPublicOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(withPublicOrigin(request));
