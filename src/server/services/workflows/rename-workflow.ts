import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertNameFree } from './assert-name-free';
import type { renameWorkflowInput } from './workflow-inputs';

export async function renameWorkflow(
  db: Db,
  actor: Actor,
  input: z.infer<typeof renameWorkflowInput>,
) {
  requireRole(actor, 'editor');
  return db.$transaction(async (tx) => {
    const current = await tx.workflow.findFirst({
      where: { id: input.id, workspaceId: actor.workspaceId },
      select: { id: true, name: true, draft: true },
    });
    if (!current) throw notFound('Workflow');
    await assertNameFree(tx, actor.workspaceId, input.name, input.id);
    const draft = { ...(current.draft as Record<string, unknown>), name: input.name };
    const workflow = await tx.workflow.update({
      where: { id: current.id },
      data: { name: input.name, draft, draftRevision: { increment: 1 } },
      select: { id: true, name: true, description: true, updatedAt: true, createdAt: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workflow.renamed',
      targetType: 'workflow',
      targetId: workflow.id,
      data: { from: current.name, to: workflow.name },
    });
    return workflow;
  });
}
