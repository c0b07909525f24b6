import { createHash, timingSafeEqual } from 'node:crypto';
import { metrics } from './metrics';

export interface ScrapeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a scrape may read the metrics: always when no token is configured (Prometheus
 * inside a private network), otherwise only with `Authorization: Bearer <token>`. Digests
 * are compared so the time taken reveals neither the token nor its length.
 */
export function scrapeAllowed(authorization: string | null | undefined, token: string | undefined) {
  if (!token) return true;
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The answer to a scrape: this process's metrics in Prometheus text format, or 401. */
export async function scrape(
  authorization: string | null | undefined,
  token: string | undefined,
): Promise<ScrapeAnswer> {
  if (!scrapeAllowed(authorization, token)) {
    return {
      status: 401,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'www-authenticate': 'Bearer realm="miniflow metrics"',
      },
      body: 'A valid bearer token is required (MINIFLOW_METRICS_TOKEN).\n',
    };
  }
  const { registry } = metrics();
  return {
    status: 200,
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
    body: await registry.metrics(),
  };
}
