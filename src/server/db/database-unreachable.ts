/**
 * Whether an error means the database cannot be reached right now (down, restarting,
 * refusing connections, or the connection dropped), as opposed to a problem with the query.
 * Such errors say nothing about the request: callers may retry the same request later.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const {
      code,
      kind,
      message,
      cause,
      meta,
      errors,
      err,
      error: inner,
      // graphile-worker logs a failed pool's error under this name.
      fatalError,
    } = current as Record<string, unknown>;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof kind === 'string' && UNREACHABLE_KINDS.has(kind)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
    queue.push(cause, err, inner, fatalError);
    if (meta && typeof meta === 'object')
      queue.push(...Object.values(meta as Record<string, unknown>));
    if (Array.isArray(errors)) for (const item of errors as unknown[]) queue.push(item);
  }
  return false;
}

const UNREACHABLE_CODES = new Set([
  // Prisma: can't reach, timed out, connection closed.
  'P1001',
  'P1002',
  'P1017',
  // Sockets.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  // PostgreSQL: connection exceptions, shutdown, starting up.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

/** @prisma/adapter-pg's names for the same conditions. */
const UNREACHABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|connection (is )?closed|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;
