import type { RunCommand, RunState } from '@/engine';
import type { NewRun } from './create-run-row';
import { RUN_CHANNEL } from './notify';
import type { JobSpec } from './queue';
import type { LockedRun } from './runtime-types';
import { jsonb, utc, type Sql } from './sql';
import { stepRecordRows, type StepRecord } from './step-records';

type FinishRun = Extract<RunCommand, { type: 'finishRun' }>;

export interface RunWrite {
  run: LockedRun;
  state: RunState;
  finished: FinishRun | undefined;
  records: Iterable<StepRecord>;
  jobs: JobSpec[];
  now: number;
  /** A run created by this very transaction: inserted once, final state included. */
  fresh?: NewRun;
}

// Everything after the run row, in the same statement: step records, queue jobs, NOTIFY.
// Data-modifying WITH parts always run to completion; the SELECT parts are referenced.
const TAIL = `
  steps AS (
    INSERT INTO "StepRun" ("id", "workspaceId", "runId", "nodeId", "attempt", "status", "input", "output", "error", "logs", "startedAt", "finishedAt", "durationMs")
    SELECT r.id, $2, $1, r."nodeId", r.attempt, r.status::"StepStatus", r.input, r.output, r.error, r.logs,
           r."startedAt" AT TIME ZONE 'UTC', r."finishedAt" AT TIME ZONE 'UTC',
           round(extract(epoch FROM r."finishedAt" - r."startedAt") * 1000)::int
    FROM jsonb_to_recordset($9::jsonb) AS r(id text, "nodeId" text, attempt int, status text,
         input jsonb, output jsonb, error jsonb, logs jsonb, "startedAt" timestamptz, "finishedAt" timestamptz)
    -- A waiting attempt (delay, child runs) is reported again when it ends.
    ON CONFLICT ("runId", "nodeId", "attempt") DO UPDATE SET
      "status" = EXCLUDED."status", "output" = EXCLUDED."output", "error" = EXCLUDED."error",
      "input" = COALESCE(EXCLUDED."input", "StepRun"."input"),
      "logs" = COALESCE(EXCLUDED."logs", "StepRun"."logs"),
      "startedAt" = COALESCE("StepRun"."startedAt", EXCLUDED."startedAt"),
      "finishedAt" = EXCLUDED."finishedAt",
      "durationMs" = round(extract(epoch FROM EXCLUDED."finishedAt"
        - COALESCE("StepRun"."startedAt", EXCLUDED."startedAt")) * 1000)::int
    RETURNING 1
  ),
  jobs AS (
    SELECT count(*)::int AS n FROM graphile_worker.add_jobs(ARRAY(
      SELECT json_populate_record(NULL::graphile_worker.job_spec, spec)
      FROM json_array_elements($10::json) AS spec))
  )
SELECT (SELECT count(*)::int FROM saved) AS saved, (SELECT count(*)::int FROM steps) AS steps,
       (SELECT n FROM jobs) AS jobs, (SELECT 1 FROM pg_notify($11, $12)) AS notified`;

const UPDATE = `
WITH saved AS (
  UPDATE "Run" SET state = $3::jsonb, status = $4::"RunStatus",
    "startedAt" = COALESCE("startedAt", $5::timestamptz AT TIME ZONE 'UTC'),
    "finishedAt" = CASE WHEN $6::timestamptz IS NULL THEN "finishedAt" ELSE $6::timestamptz AT TIME ZONE 'UTC' END,
    output = CASE WHEN $6::timestamptz IS NULL THEN output ELSE $7::jsonb END,
    error = CASE WHEN $6::timestamptz IS NULL THEN error ELSE $8::jsonb END
  WHERE id = $1 RETURNING 1
),${TAIL}`;

const INSERT = `
WITH saved AS (
  INSERT INTO "Run" (id, "workspaceId", state, status, "startedAt", "finishedAt", output, error,
    "workflowId", "versionId", trigger, input, priority, "idempotencyKey", "createdById",
    "timeoutMs", "retryOfId", "reuseOutputs", "createdAt")
  VALUES ($1, $2, $3::jsonb, $4::"RunStatus", $5::timestamptz AT TIME ZONE 'UTC',
    $6::timestamptz AT TIME ZONE 'UTC', $7::jsonb, $8::jsonb,
    $13, $14, $15::"TriggerType", $16::jsonb, $17, $18, $19, $20, $21, $22,
    $23::timestamptz AT TIME ZONE 'UTC')
  RETURNING 1
),${TAIL}`;

function jobSpecs(jobs: JobSpec[]): string {
  return JSON.stringify(
    jobs.map((job) => ({
      identifier: job.task,
      payload: job.payload,
      run_at: job.runAt?.toISOString() ?? null,
      job_key: job.jobKey ?? null,
      // graphile-worker runs lower numbers first.
      priority: -(job.priority ?? 0),
    })),
  );
}

/**
 * Writes a run's new state with its step records, queue jobs and NOTIFY in one statement:
 * one round trip per event however much it did. A fresh run is inserted whole here.
 */
export async function saveRun(sql: Sql, write: RunWrite): Promise<void> {
  const { run, state, finished, fresh } = write;
  const notice = {
    runId: run.id,
    workspaceId: run.workspaceId,
    workflowId: run.workflowId,
    status: state.status,
    parentRunId: run.parentRunId,
  };
  const params: unknown[] = [
    run.id,
    run.workspaceId,
    jsonb(state),
    state.status,
    // A run cancelled while queued never started.
    utc(state.startedAt),
    finished ? utc(write.now) : null,
    jsonb(finished ? (finished.output ?? null) : null),
    jsonb(finished?.error),
    jsonb(stepRecordRows(run.id, write.records)),
    jobSpecs(write.jobs),
    RUN_CHANNEL,
    JSON.stringify(notice),
  ];
  if (!fresh) {
    await sql.query(UPDATE, params);
    return;
  }
  await sql.query(INSERT, [
    ...params,
    fresh.workflowId,
    fresh.versionId,
    fresh.trigger,
    jsonb(fresh.input ?? {}),
    fresh.priority,
    fresh.idempotencyKey ?? null,
    fresh.createdById ?? null,
    fresh.timeoutMs ?? null,
    fresh.retryOfId ?? null,
    fresh.reuseOutputs ?? false,
    utc(write.now),
  ]);
}
