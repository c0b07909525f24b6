import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { currentUserId } from '@/server/auth/config';
import { appRouter } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';

export const dynamic = 'force-dynamic';

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: async () =>
      createContext({
        userId: await currentUserId(),
        workspaceSlug: req.headers.get('x-miniflow-workspace'),
      }),
  });
}

export { handler as GET, handler as POST };
