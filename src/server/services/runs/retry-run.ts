import type { z } from 'zod';
import { isRunFinal } from '@/engine';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import { runtimeTxOptions, type RuntimeContext } from '../../runtime/runtime-context';
import { triggerRun } from '../../runtime/trigger-run';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { retryRunInput } from './run-inputs';

/**
 * Runs a finished run again with the same input (or an edited one): on the same version or
 * the latest, and optionally from the failed step, reusing what the steps before it produced.
 */
export async function retryRun(
  db: Db,
  runtime: RuntimeContext,
  actor: Actor,
  input: z.infer<typeof retryRunInput>,
) {
  requireRole(actor, 'operator');
  return db.$transaction(async (tx) => {
    const original = await tx.run.findFirst({
      where: { id: input.id, workspaceId: actor.workspaceId },
      select: {
        id: true,
        workflowId: true,
        versionId: true,
        status: true,
        input: true,
        priority: true,
      },
    });
    if (!original) throw notFound('Run');
    if (!isRunFinal(original.status)) {
      throw new AppError(
        'CONFLICT',
        `id: the run is ${original.status}; retry it when it has finished`,
      );
    }
    const run = await triggerRun(tx, runtime, {
      workspaceId: actor.workspaceId,
      workflowId: original.workflowId,
      ...(input.latestVersion ? {} : { versionId: original.versionId }),
      trigger: 'manual',
      input: input.input === undefined ? original.input : input.input,
      priority: original.priority,
      createdById: actor.userId,
      retryOfId: original.id,
      reuseOutputs: input.fromFailedStep,
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'run.retried',
      targetType: 'run',
      targetId: run.runId,
      data: {
        retryOf: original.id,
        fromFailedStep: input.fromFailedStep,
        latestVersion: input.latestVersion,
        editedInput: input.input !== undefined,
      },
    });
    return { runId: run.runId, status: run.state?.status ?? 'queued' };
  }, runtimeTxOptions(runtime));
}
