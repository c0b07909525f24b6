import { processEnv } from '../env';
import { asSql, type SqlLike } from '../runtime/sql';

/**
 * Re-estimates the run data (runs and their step records, as PostgreSQL stores the rows)
 * of every workspace with a stored-bytes quota, or of one workspace. The run transactions
 * never pay for it: they read the last estimate, so a workspace may pass its quota by what
 * it writes between two refreshes (the retention job's period) before new runs are refused.
 * Returns the number of workspaces estimated.
 */
export async function refreshStoredBytes(db: SqlLike, workspaceId?: string): Promise<number> {
  const rows = await asSql(db).query<{ id: string }>(
    `UPDATE "Workspace" w SET
       "storedBytes" = (
         coalesce((SELECT sum(pg_column_size(r.*)) FROM "Run" r WHERE r."workspaceId" = w.id), 0)
         + coalesce((SELECT sum(pg_column_size(s.*)) FROM "StepRun" s
                     JOIN "Run" r ON r.id = s."runId" WHERE r."workspaceId" = w.id), 0))::bigint,
       "storedBytesAt" = now() AT TIME ZONE 'UTC'
     WHERE w."deletedAt" IS NULL AND ($1::text IS NULL OR w.id = $1::text)
       AND ($1::text IS NOT NULL OR coalesce(w."quotaStoredBytes", $2::bigint) IS NOT NULL)
     RETURNING w.id`,
    [workspaceId ?? null, processEnv().MINIFLOW_QUOTA_STORED_BYTES ?? null],
  );
  return rows.length;
}
