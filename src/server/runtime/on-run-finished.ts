import type { RunCommand } from '@/engine';
import type { LockedRun } from './runtime-types';
import { enqueue, TASKS, type JobSpec } from './queue';
import { asSql, type SqlLike } from './sql';

type FinishRun = Extract<RunCommand, { type: 'finishRun' }>;

/** The job that tells a waiting parent one of its children finished (see child-runs.ts). */
export function childDoneJob(run: LockedRun, finish: FinishRun): JobSpec | undefined {
  if (!run.parentRunId || !run.parentNodeId || run.parentIndex === null) return undefined;
  return {
    task: TASKS.childDone,
    payload: {
      parentRunId: run.parentRunId,
      event: {
        type: 'childRunFinished',
        nodeId: run.parentNodeId,
        ...(run.parentAttempt !== null ? { attempt: run.parentAttempt } : {}),
        index: run.parentIndex,
        status: finish.status,
        output: finish.output,
        ...(finish.error ? { error: { message: finish.error.message } } : {}),
      },
    },
    priority: run.priority,
  };
}

/**
 * If runs of the workflow wait for a concurrency slot, enqueue a start job for it; the job
 * (startQueuedRuns in trigger-run.ts) checks the limit under the workflow's lock and
 * starts as many as fit, best priority first.
 *
 * Only a hint, keyed per workflow so hints never pile up. It used to pick the next run
 * here and enqueue a start for that run: two runs finishing at once both picked the same
 * one (the slot of the other was lost and, with a job delivered twice, the run was started
 * twice), and nothing re-checked the limit, so the sweeper's rescue of an old backlog
 * started runs beyond it.
 */
export async function promoteQueuedRun(tx: SqlLike, workflowId: string): Promise<void> {
  const next = await asSql(tx).query<{ priority: number }>(
    `SELECT priority FROM "Run"
     WHERE "workflowId" = $1 AND status = 'queued' AND "parentRunId" IS NULL
     ORDER BY priority DESC, "createdAt" ASC
     LIMIT 1`,
    [workflowId],
  );
  const run = next[0];
  if (!run) return;
  await enqueue(tx, [
    {
      task: TASKS.start,
      payload: { workflowId },
      jobKey: startJobKey(workflowId),
      priority: run.priority,
    },
  ]);
}

export const startJobKey = (workflowId: string) => `start:${workflowId}`;
