import type { RunCommand, RunState } from '@/engine';
import type { NewRun } from './create-run-row';
import { RUN_CHANNEL, type RunNotice } from './notify';
import type { JobHold } from './hand-over';
import { jobSpec, type JobSpec } from './queue';
import { freshRunGuardHolds, stepRecordsInsert } from './run-write-parts';
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
  /**
   * Optimistic write (see optimistic-apply.ts): saved only while the run's state is still
   * at this version; otherwise nothing at all is written and saveRun returns false.
   */
  expectedVersion?: number;
  /** Optimistic start: inserted only while the workflow and its webhook still match. */
  guard?: FreshRunGuard;
  /**
   * The run notice goes with the change (default), or is left to the caller to send after
   * the commit (after-commit-notices.ts): only for a write that commits by itself.
   */
  noticeAfterCommit?: boolean;
  /**
   * A step job handed to the queue job the caller holds instead of added (hand-over.ts):
   * that job's payload becomes the step's, in the same statement. Should the caller's lock
   * on it be gone, the step job is added as usual instead, so a step is never left without
   * a job. Only for an update of an existing run.
   */
  handOver?: { hold: JobHold; job: JobSpec };
}

/** The outcome of a save: written or not, and whether the hand-over took place. */
export interface SaveOutcome {
  saved: boolean;
  handedOver: boolean;
}

/** What a fresh run started without a transaction assumed about its workflow. */
export interface FreshRunGuard {
  publishedVersionId: string;
  priority: number;
  /** The webhook that triggered it, as the request matched it (null: no webhook). */
  webhook: {
    id: string;
    workspaceSlug: string;
    path: string;
    method: string;
    responseMode: string;
    secretName: string | null;
  } | null;
}

// Everything after the run row, in the same statement: step records, queue jobs, NOTIFY.
// Data-modifying WITH parts always run to completion; the SELECT parts are referenced.
// Each writes only when the run row was written: an optimistic write that finds the run
// changed (or its workflow changed) leaves no trace at all. With `handOver`, $14 and $15
// name the queue job the caller holds and $16 is the step job handed to it: the held job
// takes the step's payload, or, when the caller no longer holds it, the step job is added.
const tail = (handOver: boolean) => `
  steps AS (${stepRecordsInsert({ records: '$9::jsonb', runId: '$1', workspaceId: '$2', where: 'EXISTS (SELECT 1 FROM saved)' })}
  ),${
    handOver
      ? `
  handed AS (
    UPDATE graphile_worker._private_jobs SET payload = ($16::json)->'payload', updated_at = now()
    WHERE $14::bigint IS NOT NULL AND id = $14::bigint AND locked_by = $15::text
      AND EXISTS (SELECT 1 FROM saved)
    RETURNING 1
  ),
  specs AS (
    SELECT spec FROM json_array_elements($10::json) AS spec
    UNION ALL
    SELECT $16::json WHERE $16::json IS NOT NULL AND NOT EXISTS (SELECT 1 FROM handed)
  ),`
      : `
  specs AS (SELECT spec FROM json_array_elements($10::json) AS spec),`
  }
  -- add_jobs sends NOTIFY even for no jobs, and a NOTIFY serialises commits
  -- (after-commit-notices.ts): it is called only when there are jobs to add.
  jobs AS (
    SELECT CASE WHEN EXISTS (SELECT 1 FROM specs) AND EXISTS (SELECT 1 FROM saved) THEN (
      SELECT count(*)::int FROM graphile_worker.add_jobs(ARRAY(
        SELECT json_populate_record(NULL::graphile_worker.job_spec, spec) FROM specs))) ELSE 0 END AS n
  )
SELECT (SELECT count(*)::int FROM saved) AS saved, (SELECT count(*)::int FROM steps) AS steps,
       (SELECT n FROM jobs) AS jobs,
       ${handOver ? '(SELECT count(*)::int FROM handed)' : '0'} AS handed,
       CASE WHEN $11::text IS NOT NULL AND EXISTS (SELECT 1 FROM saved)
         THEN (SELECT 1 FROM pg_notify($11, $12)) END AS notified`;

const UPDATE = `
WITH saved AS (
  UPDATE "Run" SET state = $3::jsonb, status = $4::"RunStatus",
    "startedAt" = COALESCE("startedAt", $5::timestamptz AT TIME ZONE 'UTC'),
    "finishedAt" = CASE WHEN $6::timestamptz IS NULL THEN "finishedAt" ELSE $6::timestamptz AT TIME ZONE 'UTC' END,
    output = CASE WHEN $6::timestamptz IS NULL THEN output ELSE $7::jsonb END,
    error = CASE WHEN $6::timestamptz IS NULL THEN error ELSE $8::jsonb END,
    "stateVersion" = "stateVersion" + 1
  WHERE id = $1 AND ($13::int IS NULL OR "stateVersion" = $13::int) RETURNING 1
),${tail(true)}`;

// $24… describe the guard; with $24 null the run is inserted unconditionally.
const INSERT = `
WITH allowed AS (
  SELECT 1 WHERE ${freshRunGuardHolds({
    workspaceId: '$2::text',
    workflowId: '$13::text',
    version: '$24::text',
    priority: '$25::int',
    hook: {
      id: '$26::text',
      slug: '$27::text',
      path: '$28::text',
      method: '$29::text',
      mode: '$30::text',
      secret: '$31::text',
    },
  })}
),
saved AS (
  INSERT INTO "Run" (id, "workspaceId", state, status, "startedAt", "finishedAt", output, error,
    "workflowId", "versionId", trigger, input, priority, "idempotencyKey", "createdById",
    "timeoutMs", "retryOfId", "reuseOutputs", "createdAt")
  SELECT $1::text, $2::text, $3::jsonb, $4::"RunStatus", $5::timestamptz AT TIME ZONE 'UTC',
    $6::timestamptz AT TIME ZONE 'UTC', $7::jsonb, $8::jsonb,
    $13::text, $14::text, $15::"TriggerType", $16::jsonb, $17::int, $18::text, $19::text,
    $20::int, $21::text, $22::boolean, $23::timestamptz AT TIME ZONE 'UTC'
  FROM allowed
  RETURNING 1
),${tail(false)}`;

/** What a change of a run tells listeners (live views, waiting webhooks, schedulers). */
export function runNotice(run: LockedRun, state: RunState): RunNotice {
  return {
    runId: run.id,
    workspaceId: run.workspaceId,
    workflowId: run.workflowId,
    status: state.status,
    parentRunId: run.parentRunId,
  };
}

/**
 * Writes a run's new state with its step records, queue jobs and NOTIFY in one statement:
 * one round trip per event however much it did. A fresh run is inserted whole here.
 * `saved` is false when a guarded (optimistic) write found its assumptions stale and so
 * wrote nothing.
 */
export async function saveRun(sql: Sql, write: RunWrite): Promise<SaveOutcome> {
  const { run, state, finished, fresh } = write;
  const notice = runNotice(run, state);
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
    JSON.stringify(write.jobs.map(jobSpec)),
    write.noticeAfterCommit ? null : RUN_CHANNEL,
    JSON.stringify(notice),
  ];
  if (!fresh) {
    const handOver = write.handOver;
    const rows = await sql.query<{ saved: number; handed: number }>(UPDATE, [
      ...params,
      write.expectedVersion ?? null,
      handOver?.hold.jobId ?? null,
      handOver?.hold.lockedBy ?? null,
      handOver ? JSON.stringify(jobSpec(handOver.job)) : null,
    ]);
    return { saved: rows[0]?.saved === 1, handedOver: rows[0]?.handed === 1 };
  }
  const guard = write.guard;
  const hook = guard?.webhook;
  const rows = await sql.query<{ saved: number }>(INSERT, [
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
    guard?.publishedVersionId ?? null,
    guard?.priority ?? null,
    hook?.id ?? null,
    hook?.workspaceSlug ?? null,
    hook?.path ?? null,
    hook?.method ?? null,
    hook?.responseMode ?? null,
    hook?.secretName ?? null,
  ]);
  return { saved: rows[0]?.saved === 1, handedOver: false };
}
