import { asSql, jsonb, utc, type SqlLike } from './sql';

/** One attempt of one step, as the dashboards read it. */
export interface StepRecord {
  nodeId: string;
  attempt: number;
  status: 'succeeded' | 'failed' | 'waiting' | 'cancelled' | 'skipped';
  output?: unknown;
  error?: unknown;
  startedAt?: number;
  finishedAt?: number;
}

/**
 * Upserts step attempts keyed by (run, step, attempt): a duplicate delivery rewrites the
 * same row instead of adding one, and a waiting step's row becomes final later.
 */
export async function saveStepRecords(
  tx: SqlLike,
  run: { id: string; workspaceId: string },
  records: Iterable<StepRecord>,
): Promise<void> {
  const rows = [...records].map((r) => ({
    id: `${run.id}:${r.nodeId}:${r.attempt}`,
    nodeId: r.nodeId,
    attempt: r.attempt,
    status: r.status,
    output: r.output === undefined ? null : r.output,
    error: r.error === undefined ? null : r.error,
    startedAt: utc(r.startedAt),
    finishedAt: utc(r.finishedAt),
    durationMs:
      r.startedAt !== undefined && r.finishedAt !== undefined
        ? Math.round(r.finishedAt - r.startedAt)
        : null,
  }));
  if (rows.length === 0) return;
  // One statement for all of them: the rows travel as one JSON parameter.
  await asSql(tx).query(
    `INSERT INTO "StepRun" ("id", "workspaceId", "runId", "nodeId", "attempt", "status", "output", "error", "startedAt", "finishedAt", "durationMs")
     SELECT r.id, $1, $2, r."nodeId", r.attempt, r.status::"StepStatus", r.output, r.error,
            r."startedAt" AT TIME ZONE 'UTC', r."finishedAt" AT TIME ZONE 'UTC', r."durationMs"
     FROM jsonb_to_recordset($3::jsonb) AS r(id text, "nodeId" text, attempt int, status text,
          output jsonb, error jsonb, "startedAt" timestamptz, "finishedAt" timestamptz, "durationMs" int)
     ON CONFLICT ("runId", "nodeId", "attempt") DO UPDATE SET
       "status" = EXCLUDED."status", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
       "startedAt" = COALESCE("StepRun"."startedAt", EXCLUDED."startedAt"),
       "finishedAt" = EXCLUDED."finishedAt",
       "durationMs" = COALESCE(EXCLUDED."durationMs", "StepRun"."durationMs")`,
    [run.workspaceId, run.id, jsonb(rows)],
  );
}
