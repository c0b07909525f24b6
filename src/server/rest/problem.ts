import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError } from '../errors';
import { DATABASE_RETRY_AFTER_S, databaseUnavailableError } from '../http/database-unavailable';
import { logger } from '../logger';

/** One problem with one field: `path` is the field's dotted path within the body or query. */
export interface FieldProblem {
  path: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const STATUS_OF: Record<string, number> = {
  BAD_REQUEST: 400,
  PARSE_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
};

/** An RFC 9457 problem document; `errors` lists the fields a validation error is about. */
export function problem(
  status: number,
  detail: string,
  errors?: FieldProblem[],
  headers?: Record<string, string>,
): Response {
  const body = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

export function zodProblems(error: ZodError, prefix: readonly PropertyKey[] = []): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** `field: message` parts, as services name the field they refuse. */
function fieldsOf(message: string): FieldProblem[] {
  return message.split('; ').flatMap((part) => {
    const match = /^([A-Za-z_][\w.[\]-]*): (.+)$/s.exec(part);
    return match ? [{ path: match[1]!, message: match[2]! }] : [];
  });
}

/** What a procedure or service threw, as the problem a client should see. */
export function problemFrom(error: unknown, at: string): Response {
  const unavailable =
    error instanceof TRPCError && error.code === 'SERVICE_UNAVAILABLE'
      ? error
      : databaseUnavailableError(error);
  if (unavailable) {
    return problem(503, unavailable.message, undefined, {
      'retry-after': String(DATABASE_RETRY_AFTER_S),
    });
  }
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof ZodError) {
    const errors = zodProblems(cause);
    return problem(400, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  const code =
    cause instanceof AppError ? cause.code : error instanceof TRPCError ? error.code : undefined;
  const status = code ? STATUS_OF[code] : undefined;
  if (status && error instanceof Error) {
    const message = cause instanceof Error ? cause.message : error.message;
    return problem(status, message, status === 400 ? fieldsOf(message) : undefined);
  }
  logger.error({ err: error, at }, 'REST request failed');
  return problem(500, 'Internal error');
}
