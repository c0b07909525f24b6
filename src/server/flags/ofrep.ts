import { createHash } from 'node:crypto';
import type { FlagEvaluation } from '@/engine';
import { authenticateApiKey, type ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { serverPepper } from '../api-keys/server-pepper';
import { db } from '../db';
import { processEnv } from '../env';
import { AppError } from '../errors';
import { databaseUnavailable } from '../http/database-unavailable';
import { apiKeyLimit } from '../limits/caller-limits';
import { rateLimitHeaders } from '../limits/rate-limit-headers';
import { takeFromBucket } from '../limits/token-bucket';
import { asSql } from '../runtime/sql';
import { readBody } from '../webhooks/read-body';
import { evaluationContextSchema } from '../services/flags/flag-inputs';
import { flagCache } from './flag-listener';

/**
 * The OpenFeature Remote Evaluation Protocol (OFREP) core endpoints, so any OFREP provider can
 * read a workspace's flags: `POST /ofrep/v1/evaluate/flags/{key}` and the bulk
 * `POST /ofrep/v1/evaluate/flags`. An API key (any role) names the workspace; it is sent as
 * `Authorization: Bearer <key>` or `X-API-Key`. The bulk answer carries an ETag of the flag set
 * and the context, and `If-None-Match` with it answers 304.
 */
export async function handleOfrep(request: Request, key: string | undefined): Promise<Response> {
  try {
    return await evaluate(request, key);
  } catch (error) {
    const unavailable = databaseUnavailable(error);
    if (!unavailable) throw error;
    return json(
      503,
      { errorCode: 'GENERAL', errorDetails: unavailable.body.error.message },
      unavailable.headers,
    );
  }
}

async function evaluate(request: Request, key: string | undefined): Promise<Response> {
  const caller = await callerOf(request);
  if (caller instanceof Response) return caller;
  // Before the body is read, with the same bucket as the REST API: a key over its limit
  // costs one statement.
  const bucket = await takeFromBucket(asSql(db), `apikey:${caller.keyId}`, apiKeyLimit());
  if (!bucket.allowed) {
    return json(
      429,
      {
        errorCode: 'GENERAL',
        errorDetails: 'Too many requests: this API key is over its rate limit',
      },
      rateLimitHeaders(bucket),
    );
  }
  const workspaceId = caller.workspace.id;
  const context = await contextOf(request);
  if (context instanceof Response) return context;
  const entry = await flagCache().forWorkspace(workspaceId);
  const etag = `"${createHash('sha256')
    .update(`${entry.etag}\n${JSON.stringify(context)}`)
    .digest('base64url')
    .slice(0, 27)}"`;
  if (key === undefined) {
    if (request.headers.get('if-none-match') === etag)
      return new Response(null, { status: 304, headers: { etag } });
    const flags = entry.set.keys().map((k) => answerOf(entry.set.evaluate(k, context)));
    return json(200, { flags }, { etag });
  }
  const evaluation = entry.set.evaluate(key, context);
  if (evaluation.reason === 'ERROR') return json(404, answerOf(evaluation));
  return json(200, answerOf(evaluation), { etag });
}

function answerOf(e: FlagEvaluation) {
  if (e.reason === 'ERROR') {
    return { key: e.key, errorCode: e.errorCode ?? 'GENERAL', errorDetails: e.errorMessage ?? '' };
  }
  return { key: e.key, value: e.value, reason: e.reason, variant: e.variant, metadata: {} };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

const unauthorized = (errorDetails: string) =>
  json(401, { errorCode: 'UNAUTHORIZED', errorDetails });

async function callerOf(request: Request): Promise<ApiKeyPrincipal | Response> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  const key = bearer ?? request.headers.get('x-api-key')?.trim();
  if (!key)
    return unauthorized('Send an API key: "Authorization: Bearer <key>" or "X-API-Key: <key>"');
  try {
    return await authenticateApiKey(db, serverPepper(), key);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED')
      return unauthorized(error.message);
    throw error;
  }
}

async function contextOf(request: Request): Promise<Record<string, unknown> | Response> {
  const invalid = (errorDetails: string) =>
    json(400, { errorCode: 'INVALID_CONTEXT', errorDetails });
  const maxBytes = processEnv().MINIFLOW_API_MAX_BODY_BYTES;
  const read = await readBody(request, maxBytes);
  if (!read.ok) {
    return read.reason === 'tooLarge'
      ? json(413, {
          errorCode: 'GENERAL',
          errorDetails: `Request body: larger than ${maxBytes} bytes (MINIFLOW_API_MAX_BODY_BYTES)`,
        })
      : invalid('Request body: could not be read');
  }
  let body: unknown;
  try {
    const text = new TextDecoder().decode(read.bytes);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return invalid('Request body: not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return invalid('Request body: must be an object { "context": { … } }');
  }
  const parsed = evaluationContextSchema
    .optional()
    .safeParse((body as { context?: unknown }).context);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return invalid(
      `context${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`,
    );
  }
  return parsed.data ?? {};
}
