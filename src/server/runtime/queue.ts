import { asSql, type SqlLike } from './sql';

/**
 * The job queue is graphile-worker's, in the same PostgreSQL. Jobs are added with SQL
 * inside the caller's transaction, so a job exists exactly when the change that needs it
 * was committed (docs/adr/0005-durable-runtime.md).
 */
export const TASKS = {
  /** Run one attempt of one step: { runId, nodeId, attempt }. */
  step: 'mf_step',
  /** A durable timer (delay, step timeout, run timeout): { runId, timerId }. */
  timer: 'mf_timer',
  /** Start queued runs of a workflow as its concurrency limit allows: { workflowId }. */
  start: 'mf_start',
  /** Tell a parent run that one of its children finished: { parentRunId, event }. */
  childDone: 'mf_child_done',
  /** Start one queued child run in a transaction of its own: { runId }. */
  activate: 'mf_activate',
} as const;

export interface JobSpec {
  task: (typeof TASKS)[keyof typeof TASKS];
  payload: Record<string, unknown>;
  runAt?: Date;
  /** A later job with the same key replaces this one (timers). */
  jobKey?: string;
  /** MiniFlow priority: higher runs first. */
  priority?: number;
}

/** A job as graphile-worker's `add_jobs` takes it (its `job_spec` type, as JSON). */
export function jobSpec(job: JobSpec) {
  return {
    identifier: job.task,
    payload: job.payload,
    run_at: job.runAt?.toISOString() ?? null,
    job_key: job.jobKey ?? null,
    // graphile-worker runs lower numbers first.
    priority: -(job.priority ?? 0),
  };
}

/** Adds jobs in the transaction `tx`; LISTEN/NOTIFY wakes the workers at commit. */
export async function enqueue(tx: SqlLike, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const specs = jobs.map(jobSpec);
  await asSql(tx).query(
    `SELECT count(*)::int AS n FROM graphile_worker.add_jobs(ARRAY(
       SELECT json_populate_record(NULL::graphile_worker.job_spec, spec)
       FROM json_array_elements($1::json) AS spec))`,
    [JSON.stringify(specs)],
  );
}

export async function removeJob(tx: SqlLike, jobKey: string): Promise<void> {
  await asSql(tx).query('SELECT 1 AS ok FROM graphile_worker.remove_job($1)', [jobKey]);
}

export const timerJobKey = (runId: string, timerId: string) => `timer:${runId}:${timerId}`;
