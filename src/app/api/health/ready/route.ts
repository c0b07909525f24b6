import { healthResponse } from '@/server/services/health/health-answer';

export const dynamic = 'force-dynamic';

/**
 * Readiness, for load balancers: 200 when this process may get traffic (started, not
 * draining, database reachable, migrations applied), else 503 with which of them is not.
 */
export function GET() {
  return healthResponse('/api/health/ready');
}
