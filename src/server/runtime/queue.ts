import { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../db';

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
  /** Start queued runs of a workflow as far as its concurrency limit allows: { workflowId }. */
  start: 'mf_start',
  /** Tell a parent run that one of its children finished: { parentRunId, event }. */
  childDone: 'mf_child_done',
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

/** Adds jobs in the transaction `tx`; LISTEN/NOTIFY wakes the workers at commit. */
export async function enqueue(tx: DbTx, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const rows = jobs.map(
    (job) =>
      Prisma.sql`(${job.task}, ${JSON.stringify(job.payload)}::json, NULL, ${job.runAt ?? null}::timestamptz, NULL, ${job.jobKey ?? null}, ${
        // graphile-worker runs lower numbers first.
        -(job.priority ?? 0)
      }::int, NULL)::graphile_worker.job_spec`,
  );
  await tx.$queryRaw`SELECT 1 FROM graphile_worker.add_jobs(ARRAY[${Prisma.join(rows)}])`;
}

export async function removeJob(tx: DbTx, jobKey: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM graphile_worker.remove_job(${jobKey})`;
}

export const timerJobKey = (runId: string, timerId: string) => `timer:${runId}:${timerId}`;
