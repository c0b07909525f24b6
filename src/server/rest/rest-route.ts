import type { z } from 'zod';
import type { createCaller } from '../api/root';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type Caller = ReturnType<typeof createCaller>;

/** What a route handler answers: a status and a JSON body (none for 204). */
export interface RestAnswer {
  status: number;
  body?: unknown;
}

export interface RestCall<P, Q, B> {
  caller: Caller;
  params: P;
  query: Q;
  body: B;
  headers: Headers;
  signal: AbortSignal;
}

type Schema = z.ZodType;
type Shape = z.ZodObject;

/**
 * One REST route: how it reads the request (zod schemas, which also make the OpenAPI
 * document) and the tRPC procedure whose role tier authorizes it. Handlers go through a
 * tRPC caller built for the API key, so a key passes the same authorization as a session.
 */
export interface RestRoute<
  P extends Shape = Shape,
  Q extends Shape = Shape,
  B extends Schema = Schema,
> {
  method: HttpMethod;
  /** Relative to /api/v1, with `{name}` for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The procedure whose tier (least role) the route shares; its authorization test reads it. */
  procedure: string;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: Schema }>;
  handle(call: RestCall<z.output<P>, z.output<Q>, z.output<B>>): Promise<RestAnswer>;
}

/** Keeps each route's handler typed by its own schemas inside one heterogeneous table. */
export function route<P extends Shape, Q extends Shape, B extends Schema>(
  definition: RestRoute<P, Q, B>,
): RestRoute {
  return definition;
}
