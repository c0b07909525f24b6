import { randomUUID } from 'node:crypto';
import type { TriggerType } from '@/generated/prisma/client';
import { asSql, jsonb, type SqlLike } from './sql';

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
}

export async function createRunRow(tx: SqlLike, run: NewRun): Promise<{ id: string }> {
  const id = randomUUID();
  await asSql(tx).query(
    `INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, input, priority,
       "idempotencyKey", "createdById", "timeoutMs", "retryOfId", "reuseOutputs",
       "parentRunId", "parentNodeId", "parentAttempt", "parentIndex", "createdAt")
     VALUES ($1, $2, $3, $4, 'queued', $5::"TriggerType", $6::jsonb, $7, $8, $9, $10, $11, $12,
       $13, $14, $15, $16, now() AT TIME ZONE 'UTC')`,
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
    ],
  );
  return { id };
}
