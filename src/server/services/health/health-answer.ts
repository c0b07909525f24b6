import { checkHealth } from './check-health';
import { checkReadiness } from './readiness';

export interface HealthAnswer {
  status: number;
  body: object;
}

/**
 * The answers of the three health endpoints, for the Next routes and for `npm start`'s
 * server, which answers them before the app's framework (early-answers.ts).
 *
 * - `/api/health`: 200 when the app and its database answer, else 503.
 * - `/api/health/live`: the process is up and serving; it never touches the database.
 * - `/api/health/ready`: 200 when this process may get traffic (started, not draining,
 *   database reachable, migrations applied), else 503 with which of them is not.
 */
export async function healthAnswer(path: string): Promise<HealthAnswer | undefined> {
  switch (path) {
    case '/api/health': {
      const health = await checkHealth();
      return { status: health.status === 'ok' ? 200 : 503, body: health };
    }
    case '/api/health/live':
      return { status: 200, body: { status: 'live', uptimeS: Math.round(process.uptime()) } };
    case '/api/health/ready': {
      const readiness = await checkReadiness();
      return {
        status: readiness.ready ? 200 : 503,
        body: { status: readiness.ready ? 'ready' : 'not ready', ...readiness },
      };
    }
    default:
      return undefined;
  }
}

/** The answer as the Next route sends it. */
export async function healthResponse(path: string): Promise<Response> {
  const answer = (await healthAnswer(path))!;
  return Response.json(answer.body, {
    status: answer.status,
    headers: { 'cache-control': 'no-store' },
  });
}
