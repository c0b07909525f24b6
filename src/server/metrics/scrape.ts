import { createHash, timingSafeEqual } from 'node:crypto';
import { metrics } from './metrics';

export interface ScrapeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who is scraping, as the HTTP server saw the connection. */
export interface ScrapeRequest {
  authorization: string | null | undefined;
  /** The peer address of the connection; unknown when the server cannot see it. */
  address?: string | undefined;
  /** The request came through a proxy (it names a client of its own). */
  forwarded?: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Whether a request carries exactly `Authorization: Bearer <token>`, in constant time. */
export function bearerMatches(authorization: string | null | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * What a scrape may read. With MINIFLOW_METRICS_TOKEN set: everything, workflow-labelled
 * series included, and only with the token. Without it: the installation's figures, only
 * to a client on this machine that no proxy forwarded (a same-host reverse proxy would
 * otherwise make every visitor look local), and never the workflow ids — a local process
 * (an HTTP step allowed onto private networks, say) is not the operator.
 */
export function scrapeAccess(
  request: ScrapeRequest,
  token: string | undefined,
): 'all' | 'installation' | 'unauthorized' | 'forbidden' {
  if (token) return bearerMatches(request.authorization, token) ? 'all' : 'unauthorized';
  return isLoopback(request.address) && !request.forwarded ? 'installation' : 'forbidden';
}

const text = { 'content-type': 'text/plain; charset=utf-8' };

/** The answer to a scrape: this process's metrics in Prometheus text format, or a refusal. */
export async function scrape(
  request: ScrapeRequest,
  token: string | undefined,
): Promise<ScrapeAnswer> {
  const access = scrapeAccess(request, token);
  if (access === 'unauthorized') {
    return {
      status: 401,
      headers: { ...text, 'www-authenticate': 'Bearer realm="miniflow metrics"' },
      body: 'A valid bearer token is required (MINIFLOW_METRICS_TOKEN).\n',
    };
  }
  if (access === 'forbidden') {
    return {
      status: 403,
      headers: text,
      body: 'Metrics are served to loopback clients only; set MINIFLOW_METRICS_TOKEN to scrape from elsewhere.\n',
    };
  }
  const { registry, workflowRegistry } = metrics();
  const body =
    (await registry.metrics()) + (access === 'all' ? await workflowRegistry.metrics() : '');
  return {
    status: 200,
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
    body,
  };
}
