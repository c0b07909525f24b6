import { checkReadiness } from '@/server/services/health/readiness';

export const dynamic = 'force-dynamic';

/**
 * Readiness, for load balancers: 200 when this process may get traffic (started, not
 * draining, database reachable, migrations applied), else 503 with which of them is not.
 */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? 'ready' : 'not ready', ...readiness },
    {
      status: readiness.ready ? 200 : 503,
      headers: { 'cache-control': 'no-store' },
    },
  );
}
