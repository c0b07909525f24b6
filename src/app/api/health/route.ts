import { checkHealth } from '@/server/services/health/check-health';

export const dynamic = 'force-dynamic';

/** For load balancers and tests: 200 when the app and its database answer, else 503. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
