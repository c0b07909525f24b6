import type { IncomingMessage, ServerResponse } from 'node:http';
import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { knownRefusal, type BucketVerdict } from '../limits/token-bucket';
import { metrics } from '../metrics/metrics';
import { REQUEST_ID_HEADER } from '../metrics/observe-http';
import { refusalMessage, type HookRefusal } from './limit-webhook';

const MAX_HOOKS = 10_000;

/**
 * A refusing hook, with its answer's body and last header list: a flood is answered with
 * the same few objects over and over, so it makes little garbage (each young-generation
 * collection pauses the server for milliseconds).
 */
interface Refusing extends HookRefusal {
  body: string;
  /** The last answer's headers, for the reset and retry-after seconds it gives. */
  headers?: { list: string[]; resetS: number; retryS: number };
}

type RefusedVerdict = Extract<BucketVerdict, { allowed: false }>;

// One per process, shared by the app's bundled webhook route and the code `npm start` loads.
const REFUSING = Symbol.for('miniflow.refusingHooks');
const holder = globalThis as { [REFUSING]?: Map<string, Refusing> };
const refusing = (holder[REFUSING] ??= new Map<string, Refusing>());

const FIXED_HEADERS = [
  'content-type',
  'application/json',
  'cache-control',
  'no-store',
  'content-security-policy',
  'sandbox',
  'x-content-type-options',
  'nosniff',
];

/**
 * Notes that requests to this method and path were refused by `refusal`'s bucket, so the
 * next ones can be refused before anything else is done (answerKnownHookRefusal).
 */
export function rememberHookRefusal(method: string, url: string, refusal: HookRefusal): void {
  const key = `${method} ${new URL(url).pathname}`;
  if (!refusing.has(key) && refusing.size >= MAX_HOOKS) {
    refusing.delete(refusing.keys().next().value!);
  }
  const body = JSON.stringify({ error: { message: refusalMessage(refusal.what) } });
  refusing.set(key, { ...refusal, body });
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
  requestId: string,
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
  const headers = headerList(refusal, verdict);
  // The list's last value is the request id's: writeHead copies the list before it returns.
  headers[headers.length - 1] = requestId;
  res.writeHead(429, headers);
  res.end(refusal.body);
  metrics().webhookDuration.observe({ status: '429' }, (performance.now() - started) / 1000);
  return true;
}

/** The answer's headers as a flat list; the last one again while the seconds it gives hold. */
function headerList(refusal: Refusing, verdict: RefusedVerdict): string[] {
  const resetS = Math.ceil(verdict.resetMs / 1000);
  const retryS = Math.ceil(verdict.retryAfterMs / 1000);
  const last = refusal.headers;
  // Limit and remaining are the same for every refusal of one bucket and limit.
  if (last && last.resetS === resetS && last.retryS === retryS) return last.list;
  const list = Object.entries(rateLimitHeaders(verdict)).flat();
  list.push(...FIXED_HEADERS, 'content-length', String(Buffer.byteLength(refusal.body)));
  list.push(REQUEST_ID_HEADER, '');
  refusal.headers = { list, resetS, retryS };
  return list;
}
