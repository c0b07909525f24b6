import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { currentUserId } from '@/server/auth/config';
import { appRouter } from '@/server/api/root';
import { clientAddressOf } from '@/server/auth/client-address';
import { requestWorkspaceSlug } from '@/server/api/request-workspace';
import { createContext } from '@/server/api/trpc';

export const dynamic = 'force-dynamic';

/** tRPC would read a body that is not JSON as "no input"; say what is really wrong. */
async function malformedBody(req: Request): Promise<Response | null> {
  if (req.method !== 'POST') return null;
  const text = await req.clone().text();
  if (!text) return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    const path = new URL(req.url).pathname.split('/').pop();
    return Response.json(
      {
        error: {
          json: {
            message: 'Request body: not valid JSON',
            code: -32700,
            data: { code: 'PARSE_ERROR', httpStatus: 400, path },
          },
        },
      },
      { status: 400 },
    );
  }
}

async function handler(req: Request) {
  const malformed = await malformedBody(req);
  if (malformed) return malformed;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async ({ info }) =>
      createContext({
        userId: await currentUserId(),
        workspaceSlug: requestWorkspaceSlug(req, info.connectionParams),
        clientAddress: clientAddressOf(req.headers) ?? null,
      }),
  });
}

export { handler as GET, handler as POST };
