import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { knownRefusal } from '../limits/token-bucket';
import { metrics } from '../metrics/metrics';
import { refusalMessage, type HookRefusal } from './limit-webhook';

const MAX_HOOKS = 10_000;

// One per process, shared by the app's bundled webhook route and the code `npm start` loads.
const REFUSING = Symbol.for('miniflow.refusingHooks');
const holder = globalThis as { [REFUSING]?: Map<string, HookRefusal> };
const refusing = (holder[REFUSING] ??= new Map<string, HookRefusal>());

/**
 * Notes that requests to this method and path were refused by `refusal`'s bucket, so the
 * next ones can be refused before anything else is done (answerKnownHookRefusal).
 */
export function rememberHookRefusal(method: string, url: string, refusal: HookRefusal): void {
  const key = `${method} ${new URL(url).pathname}`;
  if (!refusing.has(key) && refusing.size >= MAX_HOOKS) {
    refusing.delete(refusing.keys().next().value!);
  }
  refusing.set(key, refusal);
}

/**
 * Answers a webhook request with the 429 its bucket is known to give until a known moment
 * (refusal-memo.ts: exact, not a guess), with the headers and body the full path gives,
 * before the request is parsed any further: a flood of refused requests then costs about
 * as much as its sockets. False when the app must decide.
 */
export function answerKnownHookRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): boolean {
  const key = `${req.method} ${pathname}`;
  const refusal = refusing.get(key);
  if (!refusal) return false;
  const verdict = knownRefusal(refusal.bucket, refusal.limit);
  if (!verdict) {
    refusing.delete(key);
    return false;
  }
  const started = performance.now();
  const body = JSON.stringify({ error: { message: refusalMessage(refusal.what) } });
  res.writeHead(429, {
    ...rateLimitHeaders(verdict),
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-security-policy': 'sandbox',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
  metrics().webhookDuration.observe({ status: '429' }, (performance.now() - started) / 1000);
  return true;
}
