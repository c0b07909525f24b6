import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from '../logger';
import { scrape } from './scrape';

export const METRICS_PATH = '/api/metrics';

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Answers a scrape from Node's HTTP server, which (unlike a Next route) sees the
 * connection's peer address: the loopback rule needs it.
 */
export function serveNodeMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  token: string | undefined,
  /** Proxies in front of this server (MINIFLOW_TRUSTED_PROXIES): every request may be theirs. */
  trustedProxies = 0,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Use GET\n');
    return;
  }
  const request = {
    authorization: req.headers.authorization,
    address: req.socket.remoteAddress,
    // Behind a proxy every visitor arrives from it, so loopback proves nothing: the token
    // is then the only way in.
    forwarded:
      trustedProxies > 0 || FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined),
  };
  scrape(request, token)
    .then((answer) => {
      res.writeHead(answer.status, answer.headers);
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    })
    .catch((error: unknown) => {
      logger.error({ err: error }, 'Metrics scrape failed');
      res.writeHead(500).end();
    });
}
