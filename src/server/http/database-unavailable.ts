import { TRPCError } from '@trpc/server';
import { databaseOutage } from '../logger';

/** Seconds a caller should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_S = 5;
const MESSAGE = 'The database is unreachable; try again shortly';

/**
 * The one mapping of "the database is unreachable" to an answer: 503 with Retry-After, the
 * same words everywhere, and the failure counted by the outage account instead of logged
 * with a stack. Undefined for any other error.
 */
export function databaseUnavailableResponse(error: unknown): Response | undefined {
  const answer = databaseUnavailable(error);
  return answer && Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

/** The same answer as its parts, for servers that write it without a fetch Response. */
export function databaseUnavailable(error: unknown) {
  if (!databaseOutage().note(error)) return undefined;
  return {
    status: 503,
    headers: { 'retry-after': String(DATABASE_RETRY_AFTER_S) },
    body: { error: { message: MESSAGE } },
  };
}

/** The same for tRPC (and the REST API built on it): SERVICE_UNAVAILABLE is HTTP 503. */
export function databaseUnavailableError(error: unknown): TRPCError | undefined {
  if (!databaseOutage().note(error)) return undefined;
  return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: MESSAGE });
}

/** Response headers for a tRPC answer that carries such an error. */
export function retryAfterFor(errors: readonly TRPCError[]): Record<string, string> {
  return errors.some((e) => e.code === 'SERVICE_UNAVAILABLE')
    ? { 'retry-after': String(DATABASE_RETRY_AFTER_S) }
    : {};
}
