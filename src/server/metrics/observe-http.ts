import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger, withLogContext } from '../logger';
import { metrics } from './metrics';
import { routeOf, type RoutePattern } from './route-patterns';

export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept when it looks like one (a proxy's or client's correlation id);
// anything else could forge or bloat log lines.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Handles one request of the Node HTTP server inside its log context: every line logged
 * for it carries its request id (echoed in the `x-request-id` response header), and when
 * it ends it is counted by route pattern, method and status, and timed unless it was an
 * event stream. `answerEarly` may take the request first; it then writes the id with its
 * own headers.
 */
export function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  routes: readonly RoutePattern[],
  handle: () => void,
  answerEarly?: (requestId: string) => boolean,
): void {
  const requestId = requestIdOf(req);
  const started = performance.now();
  const route = routeOf(req.url ?? '/', routes);
  const method = METHODS.has(req.method ?? '') ? req.method! : 'OTHER';
  res.once('close', () => {
    const ms = performance.now() - started;
    // A client that hung up before the answer was sent is told apart from a real answer.
    const status = res.headersSent ? String(res.statusCode) : 'aborted';
    const m = metrics();
    m.httpRequests.inc({ route, method, status });
    // A live event stream lasts as long as the page stays open: not a request latency.
    const type = res.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/event-stream')) {
      m.httpDuration.observe({ route, method }, ms / 1000);
    }
    logger.debug({ requestId, method, route, status, ms: Math.round(ms) }, 'HTTP request');
  });
  withLogContext({ requestId }, () => {
    // Not set before an early answer: Node then merges the headers set on the response with
    // those the answer writes, and under a flood of refusals that work's garbage outlives
    // young-generation collections, which then pause the server longer (ADR 0016).
    if (answerEarly?.(requestId)) return;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    handle();
  });
}
