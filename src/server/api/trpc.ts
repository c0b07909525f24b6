/**
 * tRPC, top to bottom: context → error shape → procedure tiers. A procedure's tier is the
 * least role it needs; the tier's middleware resolves the caller's membership of the
 * workspace named by the request before any input is read. A workspace the caller is not
 * a member of does not exist for them (NOT_FOUND, never FORBIDDEN).
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Role } from '@/shared/roles';
import { apiKeyActorId, type ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { withClientAddress } from '../audit/request-client';
import { hasRole } from '../auth/rbac';
import { db, type Db } from '../db';
import { AppError } from '../errors';
import { uniqueConflict } from '../db/unique-conflict';
import { userMutationLimit } from '../limits/caller-limits';
import { takeFromBucket } from '../limits/token-bucket';
import { logger } from '../logger';
import { databaseUnavailableError } from '../http/database-unavailable';
import { asSql } from '../runtime/sql';
import { formatZodError } from './format-zod-error';

export interface Context {
  db: Db;
  userId: string | null;
  /**
   * The session version the caller's token carries (already checked when the session was
   * read); long-lived requests such as live streams re-check it. Absent for callers that
   * are not sessions (server-side callers in tests).
   */
  sessionVersion?: number;
  /** Slug of the workspace the request is about (header `x-miniflow-workspace`). */
  workspaceSlug: string | null;
  /** Where the request came from, recorded with the audit events it causes. */
  clientAddress: string | null;
  /**
   * The API key the request carries, already verified (REST): it stands for a member of its
   * workspace with its role, so the same tiers below authorize it.
   */
  apiKey?: ApiKeyPrincipal;
}

export function createContext(input: {
  userId: string | null;
  sessionVersion?: number;
  workspaceSlug: string | null;
  clientAddress?: string | null;
  apiKey?: ApiKeyPrincipal;
}): Context {
  return { db, clientAddress: null, ...input };
}

export interface Meta {
  /** The least role a caller needs; absent for procedures open to any signed-in user. */
  minRole?: Role;
  /** Open to anonymous callers (an invitation's own token is its authorization). */
  public?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    // Live streams ping while idle; a client that hears nothing for longer drops the stream
    // and opens a new one. That covers a connection that died without closing (behind a
    // proxy) and an EventSource that gave up reconnecting while the server restarted.
    sse: {
      ping: { enabled: true, intervalMs: 5_000 },
      client: { reconnectAfterInactivityMs: 12_000 },
    },
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      // Never leak server internals (stack traces) to the client.
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: zodError ? formatZodError(zodError) : shape.message,
        data: zodError
          ? {
              ...data,
              fieldErrors: zodError.issues.map((i) => ({
                path: i.path.join('.'),
                message: i.message,
              })),
            }
          : data,
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Where a string of the input holds a NUL character, which PostgreSQL cannot store in text
 * or JSON: refused here, for every procedure, rather than failing as a database error.
 */
function nulCharacterAt(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nulCharacterAt(item, at ? `${at}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Errors services raise on purpose keep their meaning; anything else is logged, not shown. */
const baseProcedure = t.procedure.use(async ({ ctx, next, path, getRawInput }) => {
  const nul = nulCharacterAt(await getRawInput(), '');
  if (nul !== undefined) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${nul || 'input'}: must not contain NUL characters`,
    });
  }
  const result = await withClientAddress(ctx.clientAddress, () => next());
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    const conflict = uniqueConflict(cause);
    if (conflict) throw new TRPCError({ code: 'CONFLICT', message: conflict.message, cause });
    const unavailable = databaseUnavailableError(cause);
    if (unavailable) throw unavailable;
    logger.error({ err: cause ?? result.error, path }, 'tRPC procedure failed');
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' });
  }
  return result;
});

/** The same for a stream's events: an AppError it ends with keeps its meaning. */
export async function* streamed<T>(
  events: AsyncGenerator<T, void, undefined>,
): AsyncGenerator<T, void, undefined> {
  try {
    yield* events;
  } catch (error) {
    if (error instanceof AppError) {
      throw new TRPCError({ code: error.code, message: error.message, cause: error });
    }
    throw error;
  }
}

export const publicProcedure = baseProcedure.meta({ public: true });

export const authedProcedure = baseProcedure.use(async ({ ctx, next, meta, type }) => {
  if (ctx.apiKey) {
    // A key is a member of one workspace, not an account: what is about the account is not its.
    if (!meta?.minRole) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'API keys act in a workspace only' });
    }
    return next({ ctx: { ...ctx, userId: apiKeyActorId(ctx.apiKey.keyId) } });
  }
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  if (type === 'mutation') {
    const bucket = await takeFromBucket(asSql(ctx.db), `user:${ctx.userId}`, userMutationLimit());
    if (!bucket.allowed) {
      const seconds = Math.max(1, Math.ceil(bucket.retryAfterMs / 1000));
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many changes in a short time: try again in ${seconds} s`,
      });
    }
  }
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

function roleProcedure(minRole: Role) {
  return authedProcedure.meta({ minRole }).use(async ({ ctx, next }) => {
    const membership = ctx.apiKey
      ? { role: ctx.apiKey.role, workspace: ctx.apiKey.workspace }
      : ctx.workspaceSlug
        ? await ctx.db.membership.findFirst({
            where: { userId: ctx.userId, workspace: { slug: ctx.workspaceSlug } },
            select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
          })
        : null;
    if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: 'Workspace not found' });
    if (!hasRole(membership.role, minRole)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `This needs the ${minRole} role; your role here is ${membership.role}`,
      });
    }
    return next({
      ctx: { ...ctx, workspace: { ...membership.workspace, role: membership.role } },
    });
  });
}

export const viewerProcedure = roleProcedure('viewer');
export const operatorProcedure = roleProcedure('operator');
export const editorProcedure = roleProcedure('editor');
export const adminProcedure = roleProcedure('admin');
export const ownerProcedure = roleProcedure('owner');

export type WorkspaceContext = { id: string; slug: string; name: string; role: Role };

/** The acting user in the request's workspace, as services expect it. */
export function actorOf(ctx: { userId: string; workspace: WorkspaceContext }) {
  return { userId: ctx.userId, workspaceId: ctx.workspace.id, role: ctx.workspace.role };
}
