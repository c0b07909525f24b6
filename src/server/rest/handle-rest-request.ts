import type { z } from 'zod';
import { authenticateApiKey, type ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { serverPepper } from '../api-keys/server-pepper';
import { createCaller } from '../api/root';
import { createContext } from '../api/trpc';
import { clientAddressOf } from '../auth/client-address';
import { db } from '../db';
import { processEnv } from '../env';
import { AppError } from '../errors';
import { readBody } from '../webhooks/read-body';
import { apiKeyLimit } from '../limits/caller-limits';
import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { takeFromBucket } from '../limits/token-bucket';
import { asSql } from '../runtime/sql';
import { openApiDocument } from './openapi-document';
import { problem, problemFrom, zodProblems } from './problem';
import type { RestRoute } from './rest-route';
import { REST_ROUTES } from './rest-routes';

export const REST_BASE = '/api/v1';

interface Compiled {
  route: RestRoute;
  pattern: RegExp;
  names: string[];
}

const compiled: Compiled[] = REST_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

function match(method: string, path: string) {
  const candidates = compiled.flatMap((c) => {
    const found = c.pattern.exec(path);
    return found ? [{ c, found }] : [];
  });
  const hit = candidates.find(({ c }) => c.route.method === method);
  if (!hit) return { allowed: candidates.map(({ c }) => c.route.method.toUpperCase()) };
  const params: Record<string, string> = {};
  hit.c.names.forEach((name, i) => {
    params[name] = decodeURIComponent(hit.found[i + 1]!);
  });
  return { route: hit.c.route, params };
}

const challenge = (error?: string) => ({
  'www-authenticate': `Bearer realm="MiniFlow"${error ? `, error="${error}"` : ''}`,
});

async function principalOf(request: Request): Promise<ApiKeyPrincipal | Response> {
  const header = request.headers.get('authorization');
  if (!header) {
    return problem(401, 'Authorization: send "Bearer <API key>"', undefined, challenge());
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!bearer) {
    return problem(
      401,
      'Authorization: must be "Bearer <API key>"',
      undefined,
      challenge('invalid_request'),
    );
  }
  try {
    return await authenticateApiKey(db, serverPepper(), bearer[1]!);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') {
      return problem(401, error.message, undefined, challenge('invalid_token'));
    }
    throw error;
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

function parseWith<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  what: string,
): Parsed<z.output<S> | undefined> {
  if (!schema) return { ok: true, value: undefined };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors = zodProblems(parsed.error);
  return {
    ok: false,
    response: problem(
      400,
      `Invalid ${what}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    ),
  };
}

async function jsonBody(request: Request): Promise<Parsed<unknown>> {
  const type = request.headers.get('content-type') ?? '';
  const read = await readBody(request, processEnv().MINIFLOW_API_MAX_BODY_BYTES);
  if (!read.ok) {
    return {
      ok: false,
      response:
        read.reason === 'tooLarge'
          ? problem(
              413,
              `Request body: larger than ${processEnv().MINIFLOW_API_MAX_BODY_BYTES} bytes`,
            )
          : problem(400, 'Request body: could not be read'),
    };
  }
  // An action whose fields are all optional may be sent without a body.
  if (read.bytes.byteLength === 0) return { ok: true, value: {} };
  if (!/^application\/([\w.-]+\+)?json\b/i.test(type)) {
    return { ok: false, response: problem(415, 'Content-Type: must be application/json') };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(read.bytes)) };
  } catch {
    return { ok: false, response: problem(400, 'Request body: not valid JSON') };
  }
}

function answer(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * Serves /api/v1: finds the route, checks the API key (on every request: revocation and
 * expiry take effect at once), reads and validates the path, query and body, and calls the
 * route through a tRPC caller that carries the key. Every refusal is problem+json.
 */
export async function handleRestRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(REST_BASE)
    ? url.pathname.slice(REST_BASE.length)
    : url.pathname;
  const method = request.method.toLowerCase();
  if (path === '/openapi.json') {
    if (method !== 'get') return problem(405, 'Method: use GET', undefined, { allow: 'GET' });
    return Response.json(openApiDocument());
  }
  let found: ReturnType<typeof match>;
  try {
    found = match(method, path);
  } catch {
    return problem(400, 'Request path: not validly encoded');
  }
  if (!('route' in found) || !found.route) {
    if (found.allowed.length === 0)
      return problem(404, `No route ${request.method} ${REST_BASE}${path}`);
    return problem(405, `Method: ${request.method} is not allowed here`, undefined, {
      allow: found.allowed.join(', '),
    });
  }
  const { route } = found;
  try {
    const principal = await principalOf(request);
    if (principal instanceof Response) return principal;
    // Before the body is read: a key over its limit costs one statement.
    const bucket = await takeFromBucket(asSql(db), `apikey:${principal.keyId}`, apiKeyLimit());
    if (!bucket.allowed) {
      return problem(
        429,
        'Too many requests: this API key is over its rate limit',
        undefined,
        rateLimitHeaders(bucket),
      );
    }
    const params = parseWith(route.params, found.params, 'path');
    if (!params.ok) return params.response;
    const query = parseWith(route.query, Object.fromEntries(url.searchParams), 'query');
    if (!query.ok) return query.response;
    let body: Parsed<unknown> = { ok: true, value: undefined };
    if (route.body) {
      const raw = await jsonBody(request);
      body = raw.ok ? parseWith(route.body, raw.value, 'body') : raw;
      if (!body.ok) return body.response;
    }
    const caller = createCaller(
      createContext({
        userId: null,
        workspaceSlug: principal.workspace.slug,
        clientAddress: clientAddressOf(request.headers) ?? null,
        apiKey: principal,
      }),
    );
    const result = await route.handle({
      caller,
      params: params.value ?? {},
      query: query.value ?? {},
      body: body.value,
      headers: request.headers,
      signal: request.signal,
    });
    return answer(result.status, result.body);
  } catch (error) {
    return problemFrom(error, `${request.method} ${path}`);
  }
}
