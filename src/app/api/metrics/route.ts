import { env } from '@/server/env';
import { metrics } from '@/server/metrics/metrics';
import { scrape } from '@/server/metrics/scrape';
import { webRuntime } from '@/server/runtime/web-runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics of this process and of the cluster (queue, workers). Not a workspace
 * resource: it answers whoever holds MINIFLOW_METRICS_TOKEN. `npm start` answers scrapes
 * itself (src/server/metrics/serve-node-metrics.ts), where the peer address is known and a
 * loopback client needs no token; a route cannot see the peer, so here the token is needed.
 */
export async function GET(request: Request): Promise<Response> {
  metrics().setClusterSource(webRuntime().pool);
  const answer = await scrape(
    { authorization: request.headers.get('authorization') },
    env().MINIFLOW_METRICS_TOKEN,
  );
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
