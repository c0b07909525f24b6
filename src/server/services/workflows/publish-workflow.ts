import { checkWorkflow, defaultRegistry, validateWorkflow } from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCompliant, PolicyRefusal, refusePublish } from '../policies/enforce-policy';
import { runPublishTests } from '../tests/publish-tests';
import { syncTriggers } from './sync-triggers';
import { workflowId } from './workflow-inputs';

export const publishWorkflowInput = z.object({
  id: workflowId,
  message: z.string().trim().max(500, 'must be at most 500 characters').default(''),
});

function problems(errors: { path: string; message: string }[]): string {
  const shown = errors.slice(0, 10).map((e) => `${e.path}: ${e.message}`);
  const more = errors.length > 10 ? `; and ${errors.length - 10} more` : '';
  return `Cannot publish: ${shown.join('; ')}${more}`;
}

/**
 * Publishes the draft as the next immutable version and points the workflow's triggers
 * at it. A draft with any validation problem is refused with every problem listed. The
 * workflow's tests run first (outside the transaction: they may take seconds) and their
 * results go with the version; with the publish gate on, a failing suite refuses it. A
 * draft that breaks the workspace's compliance policy is refused, naming each step and rule,
 * and the refusal is audited.
 */
export async function publishWorkflow(
  db: Db,
  actor: Actor,
  input: z.infer<typeof publishWorkflowInput>,
) {
  requireRole(actor, 'editor');
  const tests = await runPublishTests(db, actor, input.id);
  try {
    return await publishVersion(db, actor, input, tests);
  } catch (error) {
    if (error instanceof PolicyRefusal) return refusePublish(db, actor, error);
    throw error;
  }
}

function publishVersion(
  db: Db,
  actor: Actor,
  input: z.infer<typeof publishWorkflowInput>,
  tests: Awaited<ReturnType<typeof runPublishTests>>,
) {
  return db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({
      where: { id: input.id, workspaceId: actor.workspaceId },
      select: { id: true, draft: true },
    });
    if (!workflow) throw notFound('Workflow');
    await tx.$queryRaw`SELECT 1 FROM "Workflow" WHERE id = ${workflow.id} FOR UPDATE`;
    if (tests) {
      const now = await tx.workflow.findUniqueOrThrow({
        where: { id: workflow.id },
        select: { draftRevision: true },
      });
      if (now.draftRevision !== tests.draftRevision) {
        throw new AppError('CONFLICT', 'The draft changed while its tests ran: publish again');
      }
    }
    const parsed = checkWorkflow(workflow.draft);
    if (!parsed.ok) throw new AppError('BAD_REQUEST', problems(parsed.errors));
    const validation = validateWorkflow(parsed.workflow, defaultRegistry);
    if (!validation.ok) throw new AppError('BAD_REQUEST', problems(validation.errors));
    await assertCompliant(tx, actor.workspaceId, workflow.id, parsed.workflow);

    const last = await tx.workflowVersion.findFirst({
      where: { workflowId: workflow.id },
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    const version = await tx.workflowVersion.create({
      data: {
        workspaceId: actor.workspaceId,
        workflowId: workflow.id,
        number: (last?.number ?? 0) + 1,
        definition: parsed.workflow as unknown as Prisma.InputJsonValue,
        message: input.message,
        createdById: actor.userId,
        ...(tests?.results
          ? { testResults: tests.results as unknown as Prisma.InputJsonValue }
          : {}),
      },
      select: { id: true, number: true, message: true, createdAt: true },
    });
    await tx.workflow.update({
      where: { id: workflow.id },
      data: { publishedVersionId: version.id },
    });
    // Cached step results belong to the definition that produced them.
    await tx.stepCacheEntry.deleteMany({ where: { workflowId: workflow.id } });
    await syncTriggers(
      tx,
      { workspaceId: actor.workspaceId, workflowId: workflow.id, versionId: version.id },
      parsed.workflow,
      Date.now(),
    );
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workflow.published',
      targetType: 'workflow',
      targetId: workflow.id,
      data: { version: version.number, message: input.message },
    });
    return version;
  });
}
