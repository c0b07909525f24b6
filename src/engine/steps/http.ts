import { z } from 'zod';
import { jsonValueField, stringRecord } from './params';
import { StepError, type StepType } from './step-type';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const params = z
  .object({
    method: z.enum(methods).default('GET').describe('HTTP method.').meta({ title: 'Method' }),
    url: z
      .string()
      .min(1, 'URL is required')
      .describe('Absolute http(s) URL; may contain templates, e.g. "{{ vars.apiBase }}/orders".')
      .meta({ title: 'URL' }),
    headers: stringRecord('Headers', 'Request headers.'),
    credential: z
      .string()
      .max(100)
      .optional()
      .describe(
        'Name of an HTTP header, bearer or basic auth credential of this workspace: its header is added.',
      )
      .meta({ title: 'Credential' }),
    query: stringRecord('Query parameters', 'Appended to the URL, encoded.'),
    body: jsonValueField(
      'Body',
      'Text is sent as is; any other JSON value is sent as JSON (content-type application/json).',
    ).optional(),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(300_000)
      .default(30_000)
      .describe('Give up after this many milliseconds.')
      .meta({ title: 'Timeout (ms)' }),
    allowStatuses: z
      .array(z.number().int().min(100).max(599))
      .default([])
      .describe('Non-2xx statuses that count as success instead of failing the step, e.g. [404].')
      .meta({ title: 'Accepted error statuses' }),
  })
  .meta({ title: 'HTTP Request' });

type Params = z.infer<typeof params>;

function buildUrl(p: Params): string {
  let url: URL;
  try {
    url = new URL(p.url);
  } catch {
    throw new StepError(`Invalid URL "${p.url}"`, { retryable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StepError(`Only http and https URLs are allowed, got "${url.protocol}"`, {
      retryable: false,
    });
  }
  for (const [key, value] of Object.entries(p.query)) url.searchParams.append(key, value);
  return url.toString();
}

function buildBody(p: Params, headers: Record<string, string>): string | undefined {
  if (p.body === undefined || p.body === null || p.method === 'GET' || p.method === 'HEAD') {
    return undefined;
  }
  if (typeof p.body === 'string') return p.body;
  const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (!hasContentType) headers['content-type'] = 'application/json';
  return JSON.stringify(p.body);
}

/** 4xx statuses that say "not now" rather than "not this request": a retry may succeed. */
const TRANSIENT_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/**
 * 5xx and transport failures may heal on retry, and so may a timeout or rate limit (408, 425,
 * 429); any other 4xx answers the same request the same way, so retrying only wastes time.
 */
function statusError(status: number, method: string, url: string, body: unknown): StepError {
  return new StepError(`HTTP ${status} from ${method} ${url}`, {
    retryable: status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status),
    details: { status, body },
  });
}

async function credentialHeaders(
  name: string | undefined,
  ctx: Parameters<StepType['execute']>[1],
): Promise<Record<string, string>> {
  if (!name) return {};
  if (!ctx.secrets.httpHeaders) {
    throw new StepError('Credentials are not available here', { retryable: false });
  }
  try {
    return await ctx.secrets.httpHeaders(name);
  } catch (err) {
    throw new StepError((err as Error).message, { retryable: false });
  }
}

export const httpStep: StepType<typeof params> = {
  id: 'http',
  version: 1,
  displayName: 'HTTP Request',
  category: 'action',
  description:
    'Calls an HTTP API. Output: { status, headers, body } (body parsed when JSON). ' +
    'Fails on non-2xx statuses unless listed as accepted; private network addresses are refused.',
  params,
  ports: () => ['out'],
  io: true,
  async execute(p, ctx) {
    const url = buildUrl(p);
    const headers = { ...p.headers, ...(await credentialHeaders(p.credential, ctx)) };
    const body = buildBody(p, headers);
    let response;
    try {
      response = await ctx.http.request(
        { method: p.method, url, headers, body, timeoutMs: p.timeoutMs },
        ctx.signal,
      );
    } catch (err) {
      if (err instanceof StepError || ctx.signal.aborted) throw err;
      const e = err as { message?: string; retryable?: boolean };
      throw new StepError(`${p.method} ${url} failed: ${e.message ?? String(err)}`, {
        retryable: e.retryable !== false,
      });
    }
    const { status } = response;
    const ok = (status >= 200 && status < 300) || p.allowStatuses.includes(status);
    if (!ok) throw statusError(status, p.method, url, response.body);
    return {
      output: { status, headers: response.headers, body: response.body },
    };
  },
};
