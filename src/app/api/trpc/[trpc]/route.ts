import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { currentSession } from '@/server/auth/config';
import { appRouter } from '@/server/api/root';
import { clientAddressOf } from '@/server/auth/client-address';
import { requestWorkspaceSlug } from '@/server/api/request-workspace';
import { createContext } from '@/server/api/trpc';
import { processEnv } from '@/server/env';
import { limitApiRequest } from '@/server/http/limit-api-request';
import { retryAfterFor } from '@/server/http/database-unavailable';

export const dynamic = 'force-dynamic';

/** tRPC would read a body that is not JSON as "no input"; say what is really wrong. */
function malformedBody(req: Request, text: string): Response | null {
  if (req.method !== 'POST' || !text) return null;
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

async function handler(incoming: Request) {
  // Size and batch bounds come first: before the body is parsed and before the session is read.
  const config = processEnv();
  const limited = await limitApiRequest(incoming, {
    maxBodyBytes: config.MINIFLOW_API_MAX_BODY_BYTES,
    maxBatch: config.MINIFLOW_API_MAX_BATCH,
  });
  if (!limited.ok) return limited.response;
  const req = limited.request;
  const malformed = malformedBody(req, limited.body);
  if (malformed) return malformed;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    responseMeta: ({ errors }) => ({ headers: retryAfterFor(errors) }),
    createContext: async ({ info }) => {
      const session = await currentSession();
      return createContext({
        userId: session?.userId ?? null,
        ...(session ? { sessionVersion: session.sessionVersion } : {}),
        workspaceSlug: requestWorkspaceSlug(req, info.connectionParams),
        clientAddress: clientAddressOf(req.headers) ?? null,
      });
    },
  });
}

export { handler as GET, handler as POST };
