import { saveRun, type RunWrite, type SaveOutcome } from './save-run';
import { jsonb, utc, type Sql } from './sql';
import { freshRunGuardHolds, stepRecordsInsert } from './run-write-parts';
import { sharedWriteRow } from './save-runs-together';

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
  SELECT w.* FROM w WHERE ${freshRunGuardHolds({
    workspaceId: 'w."workspaceId"',
    workflowId: 'w."workflowId"',
    version: 'w."guardVersion"',
    priority: 'w."guardPriority"',
    hook: {
      id: 'w."hookId"',
      slug: 'w."hookSlug"',
      path: 'w."hookPath"',
      method: 'w."hookMethod"',
      mode: 'w."hookMode"',
      secret: 'w."hookSecret"',
    },
  })}
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
steps AS (${stepRecordsInsert({
  records: 'm.records',
  runId: 'm.id',
  workspaceId: 'm."workspaceId"',
  join: 'mine m CROSS JOIN LATERAL ',
})}
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
    const fresh = write.fresh!;
    const guard = write.guard;
    const hook = guard?.webhook;
    return {
      ...sharedWriteRow(write, i),
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
