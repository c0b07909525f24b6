import type { AnswerPoint, RunResult } from './run-result';

/**
 * A webhook's answer before any HTTP server sends it. Kept plain (not a fetch Response,
 * which wraps its body in a stream) because Node's server writes it out directly.
 */
export interface HookAnswer {
  status: number;
  headers: Headers;
  body: string | null;
}

/** The answer as a fetch Response, for servers that speak the Fetch API (Next's route). */
export function toResponse(answer: HookAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

// Set by the HTTP layer from the body actually sent; a step must not contradict it.
const HOP_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
]);
// Statuses the Fetch API forbids a body for.
const NULL_BODY = new Set([204, 205, 304]);

/**
 * A webhook answer is served from the app's own origin but its content is the workflow's:
 * it may never run script there, be read as another type than it declares, or set cookies
 * (a session cookie of the app, say). Applied last, over whatever a respond step set.
 */
export function isolateHookResponse(answer: HookAnswer): HookAnswer {
  const { headers } = answer;
  headers.delete('set-cookie');
  headers.set('content-security-policy', 'sandbox');
  headers.set('x-content-type-options', 'nosniff');
  return answer;
}

/** Every webhook answer is about one request; no cache may replay it. */
export function jsonResponse(status: number, body: unknown, headers?: HeadersInit): HookAnswer {
  const all = new Headers(headers);
  all.set('content-type', 'application/json');
  all.set('cache-control', 'no-store');
  return { status, headers: all, body: JSON.stringify(body) };
}

/** `{ error: { message } }`: never a stack trace, whatever went wrong. */
export function errorResponse(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: HeadersInit,
): HookAnswer {
  return jsonResponse(status, { error: { message }, ...extra }, headers);
}

/**
 * The response a `respond` step described ({ status, headers, body }). A string body goes
 * out as text, any other JSON value as JSON, unless the step chose a Content-Type itself.
 */
export function respondStepResponse(output: unknown): HookAnswer {
  const o = (output && typeof output === 'object' ? output : {}) as {
    status?: unknown;
    headers?: unknown;
    body?: unknown;
  };
  const status = typeof o.status === 'number' && Number.isInteger(o.status) ? o.status : 200;
  if (status < 200 || status > 599) {
    return errorResponse(500, `The respond step's status ${status} cannot be sent (use 200-599)`);
  }
  const headers = new Headers({ 'cache-control': 'no-store' });
  const given = o.headers && typeof o.headers === 'object' ? o.headers : {};
  for (const [name, value] of Object.entries(given)) {
    if (HOP_HEADERS.has(name.toLowerCase())) continue;
    try {
      headers.set(name, String(value));
    } catch {
      return errorResponse(500, `The respond step set an invalid header: ${JSON.stringify(name)}`);
    }
  }
  let body: string | null = null;
  if (!NULL_BODY.has(status) && o.body !== null && o.body !== undefined) {
    const text = typeof o.body === 'string';
    body = text ? (o.body as string) : JSON.stringify(o.body);
    if (!headers.has('content-type')) {
      headers.set('content-type', text ? 'text/plain; charset=utf-8' : 'application/json');
    }
  }
  return { status, headers, body };
}

/**
 * The answer for a run that can be answered. At the run's end: the respond step's response
 * if one ran, else the output, and a failed run is a deliberate workflow result (500), not a
 * server crash. At the respond point, the respond step's response wins even if the run
 * failed afterwards, as it would have had the request seen it first. A failed or cancelled
 * run's own message reaches the (anonymous) caller only with `errorDetails`: it may quote
 * expressions, data and internal addresses.
 */
export function resultResponse(
  result: RunResult,
  point: AnswerPoint,
  errorDetails = false,
): HookAnswer {
  const { runId } = result;
  if (point === 'respond' && result.respond !== undefined) {
    return respondStepResponse(result.respond);
  }
  switch (result.status) {
    case 'succeeded':
      return result.respond !== undefined
        ? respondStepResponse(result.respond)
        : jsonResponse(200, result.output ?? null);
    case 'failed':
      return errorResponse(500, detail(result, errorDetails) ?? 'The workflow run failed', {
        runId,
      });
    case 'cancelled':
      return errorResponse(409, detail(result, errorDetails) ?? 'The workflow run was cancelled', {
        runId,
      });
    default:
      return jsonResponse(202, { runId, status: result.status });
  }
}

function detail(result: RunResult, errorDetails: boolean): string | undefined {
  return errorDetails ? result.error?.message : undefined;
}
