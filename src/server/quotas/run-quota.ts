import { processEnv } from '../env';
import { AppError } from '../errors';
import { metrics } from '../metrics/metrics';
import type { Sql } from '../runtime/sql';

/** A workspace's run quotas; null: none. */
export interface RunQuotas {
  runsPerMonth: number | null;
  activeRuns: number | null;
  storedBytes: number | null;
  /** The workspace's stored run data as last estimated (stored-bytes.ts). */
  storedBytesUsed: number;
}

/** A run was refused because its workspace reached a quota; the message names it. */
export class QuotaExceededError extends AppError {
  constructor(quota: string, limit: number) {
    metrics().quotaRefused.inc({ quota });
    super(
      'TOO_MANY_REQUESTS',
      `Quota reached: ${quota} (${limit}) of this workspace; an instance admin can raise it`,
    );
  }
}

/**
 * SQL columns with the run quotas of the workspace aliased `w`, the environment's defaults
 * filling in; parameters `$n` to `$n+2` take quotaDefaults().
 */
export const quotaColumns = (n: number) =>
  `coalesce(w."quotaRunsPerMonth", $${n}::int) AS "runsPerMonth",
   coalesce(w."quotaActiveRuns", $${n + 1}::int) AS "activeRuns",
   coalesce(w."quotaStoredBytes", $${n + 2}::bigint)::float8 AS "storedBytes",
   w."storedBytes"::float8 AS "storedBytesUsed"`;

/** Whether the workspace aliased `w` has any run quota; parameters as quotaColumns. */
export const hasRunQuotasSql = (n: number) =>
  `coalesce(w."quotaRunsPerMonth", w."quotaActiveRuns", w."quotaStoredBytes",
     $${n}::int, $${n + 1}::int, $${n + 2}::bigint) IS NOT NULL`;

export function quotaDefaults(): [number | null, number | null, number | null] {
  const env = processEnv();
  return [
    env.MINIFLOW_QUOTA_RUNS_PER_MONTH ?? null,
    env.MINIFLOW_QUOTA_ACTIVE_RUNS ?? null,
    env.MINIFLOW_QUOTA_STORED_BYTES ?? null,
  ];
}

export async function readRunQuotas(sql: Sql, workspaceId: string): Promise<RunQuotas> {
  const [row] = await sql.query<RunQuotas>(
    `SELECT ${quotaColumns(2)} FROM "Workspace" w WHERE w.id = $1`,
    [workspaceId, ...quotaDefaults()],
  );
  return row ?? { runsPerMonth: null, activeRuns: null, storedBytes: null, storedBytesUsed: 0 };
}

/**
 * Counts a new run against its workspace's quotas, in the transaction that creates it, or
 * throws QuotaExceededError. The month's counter row is locked until that transaction ends,
 * so concurrent starts in the workspace take turns and none slips past a quota. The stored
 * data is an estimate refreshed in the background (stored-bytes.ts): once it reaches the
 * quota, new runs are refused until retention or a higher quota makes room. Workspaces
 * without quotas pay nothing.
 */
export async function claimRunQuota(
  sql: Sql,
  workspaceId: string,
  quotas: RunQuotas,
  now: number,
): Promise<void> {
  if (quotas.storedBytes !== null && quotas.storedBytesUsed >= quotas.storedBytes) {
    throw new QuotaExceededError('stored run data in bytes', quotas.storedBytes);
  }
  if (quotas.runsPerMonth === null && quotas.activeRuns === null) return;
  const month = new Date(now).toISOString().slice(0, 7);
  // Locks the counter first (without counting), so the active runs are counted in turn.
  await sql.query(
    `INSERT INTO "WorkspaceUsage" ("workspaceId", month, runs) VALUES ($1, $2, 0)
     ON CONFLICT ("workspaceId", month) DO UPDATE SET runs = "WorkspaceUsage".runs`,
    [workspaceId, month],
  );
  if (quotas.activeRuns !== null) {
    const [row] = await sql.query<{ active: number }>(
      `SELECT count(*)::int AS active FROM "Run"
       WHERE "workspaceId" = $1 AND status IN ('queued', 'running', 'waiting')`,
      [workspaceId],
    );
    if (row!.active >= quotas.activeRuns) {
      throw new QuotaExceededError('concurrently active runs', quotas.activeRuns);
    }
  }
  const counted = await sql.query<{ runs: number }>(
    `UPDATE "WorkspaceUsage" SET runs = runs + 1
     WHERE "workspaceId" = $1 AND month = $2 AND ($3::int IS NULL OR runs < $3::int)
     RETURNING runs`,
    [workspaceId, month, quotas.runsPerMonth],
  );
  if (counted.length === 0) throw new QuotaExceededError('runs per month', quotas.runsPerMonth!);
}
