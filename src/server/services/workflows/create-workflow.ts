import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { claimWorkflowQuota } from '../../quotas/workspace-quotas';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertNameFree } from './assert-name-free';
import { newDraft } from './new-draft';
import type { createWorkflowInput } from './workflow-inputs';

export async function createWorkflow(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createWorkflowInput>,
) {
  requireRole(actor, 'editor');
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, actor.workspaceId, input.name);
    await claimWorkflowQuota(tx, actor.workspaceId);
    const workflow = await tx.workflow.create({
      data: {
        workspaceId: actor.workspaceId,
        name: input.name,
        description: input.description ?? '',
        draft: newDraft(input.name),
        createdById: actor.userId,
      },
      select: { id: true, name: true, description: true, updatedAt: true, createdAt: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workflow.created',
      targetType: 'workflow',
      targetId: workflow.id,
      data: { name: workflow.name },
    });
    return workflow;
  });
}
