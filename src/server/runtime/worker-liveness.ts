/**
 * A worker whose last heartbeat is older than this is presumed dead: the sweeper hands its
 * jobs to others, and the queue monitor and the cluster gauges stop counting it.
 */
export const STALE_WORKER_MS = 15_000;

/**
 * SQL for the moment before which a heartbeat is stale, as a UTC `timestamp` (how Prisma
 * stores `DateTime` columns). Judged by the database's clock, the one that writes the
 * heartbeats (heartbeat.ts), so clocks of worker and web machines that disagree cannot
 * make a living worker look dead.
 */
export function staleCutoffSql(staleAfterMs: number = STALE_WORKER_MS): string {
  if (!Number.isSafeInteger(staleAfterMs) || staleAfterMs <= 0) {
    throw new Error(`staleAfterMs must be a positive whole number of ms, got ${staleAfterMs}`);
  }
  return `((now() AT TIME ZONE 'UTC') - interval '${staleAfterMs} milliseconds')`;
}

/** SQL that is true for a `"WorkerHeartbeat"` row (or `alias`) whose worker is presumed dead. */
export function workerIsStaleSql(
  staleAfterMs: number = STALE_WORKER_MS,
  alias = '"WorkerHeartbeat"',
): string {
  return `${alias}."lastSeenAt" < ${staleCutoffSql(staleAfterMs)}`;
}
