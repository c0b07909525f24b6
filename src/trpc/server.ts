import 'server-only';
import { currentUserId } from '@/server/auth/config';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';

/** The tRPC caller for server components, scoped to one workspace. */
export async function serverCaller(workspaceSlug: string | null) {
  return createCaller(createContext({ userId: await currentUserId(), workspaceSlug }));
}
