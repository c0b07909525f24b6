import { env } from '@/server/env';
import { metrics } from '@/server/metrics/metrics';
import { scrape } from '@/server/metrics/scrape';
import { webRuntime } from '@/server/runtime/web-runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics of this process and of the cluster (queue, workers). Not a workspace
 * resource: it answers whoever holds MINIFLOW_METRICS_TOKEN, or anyone when none is set.
 */
export async function GET(request: Request): Promise<Response> {
  metrics().setClusterSource(webRuntime().pool);
  const answer = await scrape(request.headers.get('authorization'), env().MINIFLOW_METRICS_TOKEN);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
