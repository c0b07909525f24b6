/**
 * The SQL the run-save statements share: a run saved alone (save-run.ts) and runs saved
 * or inserted together (save-runs-together.ts, insert-runs-together.ts) write step records
 * and check a fresh run's guard alike, given as expressions for their values.
 */

/** Inserts the step records in the jsonb array `records` (a waiting attempt's are updated). */
export function stepRecordsInsert(sql: {
  records: string;
  runId: string;
  workspaceId: string;
  /** Sources joined before the records, e.g. `saved s CROSS JOIN LATERAL `. */
  join?: string;
  where?: string;
}): string {
  return `
  INSERT INTO "StepRun" ("id", "workspaceId", "runId", "nodeId", "attempt", "status", "input", "output", "error", "logs", "startedAt", "finishedAt", "durationMs", "cached")
  SELECT r.id, ${sql.workspaceId}, ${sql.runId}, r."nodeId", r.attempt, r.status::"StepStatus", r.input, r.output, r.error, r.logs,
         r."startedAt" AT TIME ZONE 'UTC', r."finishedAt" AT TIME ZONE 'UTC',
         round(extract(epoch FROM r."finishedAt" - r."startedAt") * 1000)::int, COALESCE(r.cached, false)
  FROM ${sql.join ?? ''}jsonb_to_recordset(${sql.records}) AS r(id text, "nodeId" text,
       attempt int, status text, input jsonb, output jsonb, error jsonb, logs jsonb,
       "startedAt" timestamptz, "finishedAt" timestamptz, cached boolean)
  ${sql.where ? `WHERE ${sql.where}` : ''}
  -- A waiting attempt (delay, child runs) is reported again when it ends.
  ON CONFLICT ("runId", "nodeId", "attempt") DO UPDATE SET
    "status" = EXCLUDED."status", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
    "input" = COALESCE(EXCLUDED."input", "StepRun"."input"),
    "logs" = COALESCE(EXCLUDED."logs", "StepRun"."logs"),
    "startedAt" = COALESCE("StepRun"."startedAt", EXCLUDED."startedAt"),
    "finishedAt" = EXCLUDED."finishedAt", "cached" = EXCLUDED."cached",
    "durationMs" = round(extract(epoch FROM EXCLUDED."finishedAt"
      - COALESCE("StepRun"."startedAt", EXCLUDED."startedAt")) * 1000)::int
  RETURNING 1`;
}

/**
 * True while a fresh run's guard (FreshRunGuard) holds: no guard (`version` null), or its
 * workflow still published at that version with that priority and no concurrency limit,
 * and its webhook (if any) still the one its request found.
 */
export function freshRunGuardHolds(sql: {
  workspaceId: string;
  workflowId: string;
  version: string;
  priority: string;
  hook: { id: string; slug: string; path: string; method: string; mode: string; secret: string };
}): string {
  const { hook } = sql;
  return `(${sql.version} IS NULL OR EXISTS (
    SELECT 1 FROM "Workflow" f
    WHERE f.id = ${sql.workflowId} AND f."workspaceId" = ${sql.workspaceId}
      AND f."publishedVersionId" = ${sql.version} AND f.priority = ${sql.priority}
      AND f."concurrencyLimit" IS NULL
      AND (${hook.id} IS NULL OR EXISTS (
        SELECT 1 FROM "Webhook" h JOIN "Workspace" s ON s.id = h."workspaceId"
        WHERE h.id = ${hook.id} AND h."workflowId" = f.id AND h."versionId" = ${sql.version}
          AND s.slug = ${hook.slug} AND h.path = ${hook.path} AND h.method = ${hook.method}
          AND h."responseMode" = ${hook.mode} AND h."secretName" IS NOT DISTINCT FROM ${hook.secret}
          -- A quota set since the webhook was cached: its runs must be counted (the slow path).
          -- The environment's defaults cannot change under a running process.
          AND s."quotaRunsPerMonth" IS NULL AND s."quotaActiveRuns" IS NULL
          AND s."quotaStoredBytes" IS NULL))))`;
}
