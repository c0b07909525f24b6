import { randomUUID } from 'node:crypto';
import { startRun, type RunState } from '@/engine';
import type { TriggerType } from '@/generated/prisma/client';
import { loadDefinition } from './definitions';
import { asSql, jsonb, utc, type SqlLike } from './sql';

export interface NewRun {
  workspaceId: string;
  workflowId: string;
  versionId: string;
  trigger: TriggerType;
  input: unknown;
  priority: number;
  idempotencyKey?: string;
  createdById?: string | null;
  timeoutMs?: number;
  retryOfId?: string;
  reuseOutputs?: boolean;
  parent?: { runId: string; nodeId?: string; attempt?: number; index?: number };
  /** How deep in a tree of child runs: a run started by a trigger is 0. */
  depth?: number;
}

/** The engine's state of a run that has not started: every node pending. */
export async function queuedState(
  tx: SqlLike,
  id: string,
  run: Pick<NewRun, 'versionId' | 'workflowId' | 'timeoutMs'>,
  now: number,
): Promise<RunState> {
  const workflow = await loadDefinition(tx, run.versionId);
  return startRun({
    workflow,
    runId: id,
    workflowId: run.workflowId,
    now,
    ...(run.timeoutMs ? { timeoutMs: run.timeoutMs } : {}),
  });
}

/**
 * Inserts a queued run with its state: from its first moment a run's state says where it
 * and each of its steps stand, and every later change goes through `advance`.
 */
export async function createRunRow(
  tx: SqlLike,
  run: NewRun,
  now: number,
): Promise<{ id: string; state: RunState }> {
  const id = randomUUID();
  const state = await queuedState(tx, id, run, now);
  await asSql(tx).query(
    `INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, input, priority,
       "idempotencyKey", "createdById", "timeoutMs", "retryOfId", "reuseOutputs",
       "parentRunId", "parentNodeId", "parentAttempt", "parentIndex", depth, state, "createdAt")
     VALUES ($1, $2, $3, $4, 'queued', $5::"TriggerType", $6::jsonb, $7, $8, $9, $10, $11, $12,
       $13, $14, $15, $16, $17, $18::jsonb, $19::timestamptz AT TIME ZONE 'UTC')`,
    [
      id,
      run.workspaceId,
      run.workflowId,
      run.versionId,
      run.trigger,
      jsonb(run.input ?? {}),
      run.priority,
      run.idempotencyKey ?? null,
      run.createdById ?? null,
      run.timeoutMs ?? null,
      run.retryOfId ?? null,
      run.reuseOutputs ?? false,
      run.parent?.runId ?? null,
      run.parent?.nodeId ?? null,
      run.parent?.attempt ?? null,
      run.parent?.index ?? null,
      run.depth ?? 0,
      jsonb(state),
      utc(now),
    ],
  );
  return { id, state };
}
