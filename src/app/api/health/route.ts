import { healthResponse } from '@/server/services/health/health-answer';

export const dynamic = 'force-dynamic';

/** For load balancers and tests: 200 when the app and its database answer, else 503. */
export function GET() {
  return healthResponse('/api/health');
}
