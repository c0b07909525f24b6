import { jobSpec } from './queue';
import { saveRun, type RunWrite, type SaveOutcome } from './save-run';
import { stepRecordsInsert } from './run-write-parts';
import { jsonb, utc, type Sql } from './sql';
import { stepRecordRows } from './step-records';

/**
 * Optimistic saves of several runs (save-run.ts's guarded update, notice after commit) in
 * one statement: each run is written, with its step records and queue jobs, only while its
 * `stateVersion` is still the one its write expects, exactly as alone. The statement
 * never waits for a run another transaction holds locked: that write is reported unsaved,
 * and its caller applies the event the locking way, as for any stale write; so one write
 * cannot hold up the others batched with it, nor can one write's stale state undo theirs.
 */
const UPDATE_MANY = `
WITH w AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(i int, id text, "workspaceId" text,
    state jsonb, status text, "startedAt" timestamptz, "finishedAt" timestamptz, output text,
    error text, records jsonb, jobs jsonb, expected int, "holdJob" bigint, "holdBy" text,
    handed jsonb)
),
free AS (
  SELECT r.id FROM "Run" r WHERE r.id IN (SELECT id FROM w) FOR UPDATE SKIP LOCKED
),
saved AS (
  UPDATE "Run" r SET state = w.state, status = w.status::"RunStatus",
    "startedAt" = COALESCE(r."startedAt", w."startedAt" AT TIME ZONE 'UTC'),
    "finishedAt" = CASE WHEN w."finishedAt" IS NULL THEN r."finishedAt" ELSE w."finishedAt" AT TIME ZONE 'UTC' END,
    output = CASE WHEN w."finishedAt" IS NULL THEN r.output ELSE w.output::jsonb END,
    error = CASE WHEN w."finishedAt" IS NULL THEN r.error ELSE w.error::jsonb END,
    "stateVersion" = r."stateVersion" + 1
  FROM w
  WHERE r.id = w.id AND r.id IN (SELECT id FROM free)
    AND (w.expected IS NULL OR r."stateVersion" = w.expected)
  RETURNING w.i, w.id, w."workspaceId", w.records, w.jobs, w."holdJob", w."holdBy", w.handed
),
steps AS (${stepRecordsInsert({
  records: 's.records',
  runId: 's.id',
  workspaceId: 's."workspaceId"',
  join: 'saved s CROSS JOIN LATERAL ',
})}
),
handed AS (
  UPDATE graphile_worker._private_jobs j SET payload = (s.handed->'payload')::json, updated_at = now()
  FROM saved s
  WHERE s."holdJob" IS NOT NULL AND j.id = s."holdJob" AND j.locked_by = s."holdBy"
  RETURNING s.i
),
specs AS (
  SELECT spec FROM saved s, jsonb_array_elements(s.jobs) AS spec
  UNION ALL
  SELECT s.handed FROM saved s
  WHERE s.handed IS NOT NULL AND s.i NOT IN (SELECT i FROM handed)
),
-- add_jobs sends NOTIFY even for no jobs (see save-run.ts): only called with jobs to add.
jobs AS (
  SELECT CASE WHEN EXISTS (SELECT 1 FROM specs) THEN (
    SELECT count(*)::int FROM graphile_worker.add_jobs(ARRAY(
      SELECT json_populate_record(NULL::graphile_worker.job_spec, spec::json) FROM specs))) ELSE 0 END AS n
)
SELECT ARRAY(SELECT i FROM saved) AS saved, ARRAY(SELECT i FROM handed) AS handed,
       (SELECT count(*)::int FROM steps) AS steps, (SELECT n FROM jobs) AS jobs`;

/** Saves `writes` (optimistic updates, notice after commit) in one statement, in order. */
export async function saveRunsTogether(sql: Sql, writes: RunWrite[]): Promise<SaveOutcome[]> {
  if (writes.length === 1) return [await saveRun(sql, writes[0]!)];
  const rows = writes.map((write, i) => {
    const handOver = write.handOver;
    return {
      ...sharedWriteRow(write, i),
      expected: write.expectedVersion ?? null,
      holdJob: handOver?.hold.jobId ?? null,
      holdBy: handOver?.hold.lockedBy ?? null,
      handed: handOver ? jobSpec(handOver.job) : null,
    };
  });
  const [result] = await sql.query<{ saved: number[]; handed: number[] }>(UPDATE_MANY, [
    jsonb(rows),
  ]);
  const saved = new Set(result?.saved ?? []);
  const handed = new Set(result?.handed ?? []);
  return writes.map((_, i) => ({ saved: saved.has(i), handedOver: handed.has(i) }));
}

/** The columns of a run's write that both shared statements take (`i`: its place). */
export function sharedWriteRow(write: RunWrite, i: number) {
  const { run, state, finished } = write;
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
  };
}
