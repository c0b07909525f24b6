import type { Prisma, TriggerType } from '@/generated/prisma/client';
import type { DbTx } from '../db';

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

export async function createRunRow(tx: DbTx, run: NewRun) {
  return tx.run.create({
    data: {
      workspaceId: run.workspaceId,
      workflowId: run.workflowId,
      versionId: run.versionId,
      trigger: run.trigger,
      input: (run.input ?? {}) as Prisma.InputJsonValue,
      priority: run.priority,
      idempotencyKey: run.idempotencyKey ?? null,
      createdById: run.createdById ?? null,
      timeoutMs: run.timeoutMs ?? null,
      retryOfId: run.retryOfId ?? null,
      reuseOutputs: run.reuseOutputs ?? false,
      parentRunId: run.parent?.runId ?? null,
      parentNodeId: run.parent?.nodeId ?? null,
      parentAttempt: run.parent?.attempt ?? null,
      parentIndex: run.parent?.index ?? null,
    },
    select: { id: true, status: true },
  });
}
