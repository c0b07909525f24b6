import { healthResponse } from '@/server/services/health/health-answer';

export const dynamic = 'force-dynamic';

/** Liveness: the process is up and serving. It never touches the database. */
export function GET() {
  return healthResponse('/api/health/live');
}
