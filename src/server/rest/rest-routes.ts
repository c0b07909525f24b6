import type { Role } from '@/shared/roles';
import { appRouter } from '../api/root';
import type { Meta } from '../api/trpc';
import type { RestRoute } from './rest-route';
import { credentialRoutes } from './routes/credentials';
import { flagRoutes } from './routes/flags';
import { runRoutes } from './routes/runs';
import { segmentRoutes } from './routes/segments';
import { scheduleRoutes } from './routes/schedules-members';
import { testRoutes } from './routes/tests';
import { workflowRoutes } from './routes/workflows';

/** Every route of /api/v1 (besides the OpenAPI document itself). */
export const REST_ROUTES: readonly RestRoute[] = [
  ...workflowRoutes,
  ...testRoutes,
  ...runRoutes,
  ...scheduleRoutes,
  ...credentialRoutes,
  ...flagRoutes,
  ...segmentRoutes,
];

/** The least role a route needs: its procedure's tier. */
export function minRoleOf(route: RestRoute): Role {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { meta?: Meta } } | undefined
  >;
  const role = procedures[route.procedure]?._def.meta?.minRole;
  if (!role) throw new Error(`${route.operationId}: ${route.procedure} is not a tiered procedure`);
  return role;
}
