import { jobSpec } from './queue';
import { saveRun, type RunWrite, type SaveOutcome } from './save-run';
import { jsonb, utc, type Sql } from './sql';
import { stepRecordRows } from './step-records';

/**
 * Optimistic starts of several fresh runs (a webhook's or API call's run, see save-run.ts)
 * in one statement: each run is inserted, with its step records and queue jobs, only while
 * its workflow and webhook are still as its request found them, exactly as alone; a run
 * whose guard no longer holds is left out and reported unsaved (its caller starts it the
 * locking way). A write PostgreSQL refuses fails the statement: unlocked-saves.ts then
 * makes each write alone.
 */
const INSERT_MANY = `
WITH w AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(i int, id text, "workspaceId" text,
    state jsonb, status text, "startedAt" timestamptz, "finishedAt" timestamptz, output text,
    error text, records jsonb, jobs jsonb, "workflowId" text, "versionId" text, trigger text,
    input text, priority int, "idempotencyKey" text, "createdById" text, "timeoutMs" int,
    "retryOfId" text, "reuseOutputs" boolean, "createdAt" timestamptz, "guardVersion" text,
    "guardPriority" int, "hookId" text, "hookSlug" text, "hookPath" text, "hookMethod" text,
    "hookMode" text, "hookSecret" text)
),
allowed AS (
  SELECT w.* FROM w WHERE w."guardVersion" IS NULL OR EXISTS (
    SELECT 1 FROM "Workflow" f
    WHERE f.id = w."workflowId" AND f."workspaceId" = w."workspaceId"
      AND f."publishedVersionId" = w."guardVersion" AND f.priority = w."guardPriority"
      AND f."concurrencyLimit" IS NULL
      AND (w."hookId" IS NULL OR EXISTS (
        SELECT 1 FROM "Webhook" h JOIN "Workspace" s ON s.id = h."workspaceId"
        WHERE h.id = w."hookId" AND h."workflowId" = f.id AND h."versionId" = w."guardVersion"
          AND s.slug = w."hookSlug" AND h.path = w."hookPath" AND h.method = w."hookMethod"
          AND h."responseMode" = w."hookMode" AND h."secretName" IS NOT DISTINCT FROM w."hookSecret"
          -- As save-run.ts: a quota set since the webhook was cached takes the slow path.
          AND s."quotaRunsPerMonth" IS NULL AND s."quotaActiveRuns" IS NULL
          AND s."quotaStoredBytes" IS NULL)))
),
saved AS (
  INSERT INTO "Run" (id, "workspaceId", state, status, "startedAt", "finishedAt", output, error,
    "workflowId", "versionId", trigger, input, priority, "idempotencyKey", "createdById",
    "timeoutMs", "retryOfId", "reuseOutputs", "createdAt")
  SELECT a.id, a."workspaceId", a.state, a.status::"RunStatus", a."startedAt" AT TIME ZONE 'UTC',
    a."finishedAt" AT TIME ZONE 'UTC', a.output::jsonb, a.error::jsonb, a."workflowId",
    a."versionId", a.trigger::"TriggerType", a.input::jsonb, a.priority, a."idempotencyKey",
    a."createdById", a."timeoutMs", a."retryOfId", a."reuseOutputs",
    a."createdAt" AT TIME ZONE 'UTC'
  FROM allowed a
  RETURNING id
),
mine AS (SELECT w.* FROM w JOIN saved USING (id)),
steps AS (
  INSERT INTO "StepRun" ("id", "workspaceId", "runId", "nodeId", "attempt", "status", "input", "output", "error", "logs", "startedAt", "finishedAt", "durationMs", "cached")
  SELECT r.id, m."workspaceId", m.id, r."nodeId", r.attempt, r.status::"StepStatus", r.input, r.output, r.error, r.logs,
         r."startedAt" AT TIME ZONE 'UTC', r."finishedAt" AT TIME ZONE 'UTC',
         round(extract(epoch FROM r."finishedAt" - r."startedAt") * 1000)::int, COALESCE(r.cached, false)
  FROM mine m CROSS JOIN LATERAL jsonb_to_recordset(m.records) AS r(id text, "nodeId" text,
       attempt int, status text, input jsonb, output jsonb, error jsonb, logs jsonb,
       "startedAt" timestamptz, "finishedAt" timestamptz, cached boolean)
  RETURNING 1
),
specs AS (SELECT spec FROM mine m, jsonb_array_elements(m.jobs) AS spec),
-- add_jobs sends NOTIFY even for no jobs (see save-run.ts): only called with jobs to add.
jobs AS (
  SELECT CASE WHEN EXISTS (SELECT 1 FROM specs) THEN (
    SELECT count(*)::int FROM graphile_worker.add_jobs(ARRAY(
      SELECT json_populate_record(NULL::graphile_worker.job_spec, spec::json) FROM specs))) ELSE 0 END AS n
)
SELECT ARRAY(SELECT i FROM mine) AS saved, (SELECT count(*)::int FROM steps) AS steps,
       (SELECT n FROM jobs) AS jobs`;

/** Inserts `writes` (each fresh, guarded, notice after commit) in one statement. */
export async function insertRunsTogether(sql: Sql, writes: RunWrite[]): Promise<SaveOutcome[]> {
  if (writes.length === 1) return [await saveRun(sql, writes[0]!)];
  const rows = writes.map((write, i) => {
    const { run, state, finished, guard } = write;
    const fresh = write.fresh!;
    const hook = guard?.webhook;
    return {
      i,
      id: run.id,
      workspaceId: run.workspaceId,
      state,
      status: state.status,
      startedAt: utc(state.startedAt),
      finishedAt: finished ? utc(write.now) : null,
      // As text, so that a JSON null stays one (a null field would become SQL NULL).
      output: jsonb(finished ? (finished.output ?? null) : null),
      error: jsonb(finished?.error),
      records: stepRecordRows(run.id, write.records),
      jobs: write.jobs.map(jobSpec),
      workflowId: fresh.workflowId,
      versionId: fresh.versionId,
      trigger: fresh.trigger,
      input: jsonb(fresh.input ?? {}),
      priority: fresh.priority,
      idempotencyKey: fresh.idempotencyKey ?? null,
      createdById: fresh.createdById ?? null,
      timeoutMs: fresh.timeoutMs ?? null,
      retryOfId: fresh.retryOfId ?? null,
      reuseOutputs: fresh.reuseOutputs ?? false,
      createdAt: utc(write.now),
      guardVersion: guard?.publishedVersionId ?? null,
      guardPriority: guard?.priority ?? null,
      hookId: hook?.id ?? null,
      hookSlug: hook?.workspaceSlug ?? null,
      hookPath: hook?.path ?? null,
      hookMethod: hook?.method ?? null,
      hookMode: hook?.responseMode ?? null,
      hookSecret: hook?.secretName ?? null,
    };
  });
  const [result] = await sql.query<{ saved: number[] }>(INSERT_MANY, [jsonb(rows)]);
  const saved = new Set(result?.saved ?? []);
  return writes.map((_, i) => ({ saved: saved.has(i), handedOver: false }));
}
