import type { RunCommand } from '@/engine';
import type { DbTx } from '../db';
import type { LockedRun } from './runtime-types';
import { enqueue, TASKS } from './queue';

type FinishRun = Extract<RunCommand, { type: 'finishRun' }>;

/**
 * After a run's final state is saved: tell a waiting parent (through a job, see
 * child-runs.ts) and hand a freed concurrency slot to the next queued run.
 */
export async function onRunFinished(tx: DbTx, run: LockedRun, finish: FinishRun): Promise<void> {
  if (run.parentRunId && run.parentNodeId && run.parentIndex !== null) {
    await enqueue(tx, [
      {
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
      },
    ]);
  }
  await promoteQueuedRun(tx, run.workflowId);
}

/** If the workflow queues runs beyond a limit and a slot is free, start the next one. */
export async function promoteQueuedRun(tx: DbTx, workflowId: string): Promise<void> {
  const workflow = await tx.workflow.findUnique({
    where: { id: workflowId },
    select: { concurrencyLimit: true, concurrencyPolicy: true },
  });
  if (!workflow?.concurrencyLimit || workflow.concurrencyPolicy !== 'queue') return;
  const next = await tx.$queryRaw<{ id: string; priority: number }[]>`
    SELECT id, priority FROM "Run"
    WHERE "workflowId" = ${workflowId} AND status = 'queued' AND state IS NULL
    ORDER BY priority DESC, "createdAt" ASC
    LIMIT 1 FOR UPDATE SKIP LOCKED`;
  const run = next[0];
  if (run)
    await enqueue(tx, [{ task: TASKS.start, payload: { runId: run.id }, priority: run.priority }]);
}
