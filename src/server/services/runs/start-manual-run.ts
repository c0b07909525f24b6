import type { z } from 'zod';
import { maskSecrets } from '@/engine';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { workspaceMasking } from '../../masking/workspace-masking';
import { triggerRun } from '../../runtime/trigger-run';
import { runtimeTxOptions, type RuntimeContext } from '../../runtime/runtime-context';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { startRunInput } from './run-inputs';

/**
 * A run started on request: by a person in the UI (`manual`) or through the REST API with an
 * API key (`api`). It may finish before this returns.
 */
export async function startManualRun(
  db: Db,
  runtime: RuntimeContext,
  actor: Actor,
  input: z.infer<typeof startRunInput>,
  trigger: 'manual' | 'api' = 'manual',
) {
  requireRole(actor, 'operator');
  // Masked before the run (and so its stored input) ever holds it, as webhook inputs are.
  const rules = await workspaceMasking(db, actor.workspaceId);
  const runInput = maskSecrets(input.input ?? {}, [], { rules });
  return db.$transaction(async (tx) => {
    // A version is only run under its own workflow: one of another workflow (or workspace)
    // would run that definition under this workflow's name and hand it to this caller.
    if (input.versionId) {
      const version = await tx.workflowVersion.findFirst({
        where: {
          id: input.versionId,
          workflowId: input.workflowId,
          workspaceId: actor.workspaceId,
        },
        select: { id: true },
      });
      if (!version) {
        throw new AppError('NOT_FOUND', 'versionId: this workflow has no version with that id');
      }
    }
    const run = await triggerRun(tx, runtime, {
      workspaceId: actor.workspaceId,
      workflowId: input.workflowId,
      ...(input.versionId ? { versionId: input.versionId } : {}),
      trigger,
      input: runInput,
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      createdById: actor.userId,
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'run.started',
      targetType: 'run',
      targetId: run.runId,
      data: { workflowId: input.workflowId },
    });
    return { runId: run.runId, status: run.state?.status ?? 'queued', outcome: run.outcome };
  }, runtimeTxOptions(runtime));
}
