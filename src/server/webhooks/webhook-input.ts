import { hasNul } from '../services/storable-json';
import type { WebhookRequest } from './webhook-request';

/** What a webhook run receives as input: the webhook trigger's output. */
export interface WebhookInput {
  method: string;
  /** The webhook's path, e.g. "orders/created". */
  path: string;
  /** Lower-case names; credentials are left out (see DROPPED_HEADERS). */
  headers: Record<string, string>;
  /** A repeated parameter becomes an array of its values. */
  query: Record<string, string | string[]>;
  /** Parsed JSON, form fields, or text; null when there is no body. */
  body: unknown;
}

export type InputResult = { ok: true; input: WebhookInput } | { ok: false; message: string };

// Run inputs are stored and shown to every workspace member: the caller's credentials for
// this server must not end up there.
const DROPPED_HEADERS = new Set(['cookie', 'authorization', 'proxy-authorization']);

function mediaType(request: Pick<WebhookRequest, 'headers'>): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

const isJson = (type: string) =>
  type === 'application/json' || type === 'text/json' || /^application\/[\w.-]+\+json$/.test(type);

function fields(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  }
  return out;
}

function parseBody(
  type: string,
  text: string,
): { ok: true; body: unknown } | { ok: false; message: string } {
  if (text === '') return { ok: true, body: null };
  if (isJson(type)) {
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message : 'malformed';
      return { ok: false, message: `Request body is not valid JSON (${type}): ${reason}` };
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { ok: true, body: fields(new URLSearchParams(text)) };
  }
  return { ok: true, body: text };
}

/** Builds the run input from the request and its already-read raw body. */
export function buildWebhookInput(
  request: Pick<WebhookRequest, 'url' | 'method' | 'headers'>,
  path: string,
  raw: Uint8Array,
): InputResult {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (!DROPPED_HEADERS.has(key)) headers[key] = value;
  });
  const type = mediaType(request);
  const parsed = parseBody(type, new TextDecoder().decode(raw));
  if (!parsed.ok) return parsed;
  const input: WebhookInput = {
    method: request.method.toUpperCase(),
    path,
    headers,
    query: fields(new URL(request.url).searchParams),
    body: parsed.body,
  };
  if (hasNul(input)) {
    return {
      ok: false,
      message: 'Request contains a NUL character (U+0000), which is not supported',
    };
  }
  return { ok: true, input };
}
