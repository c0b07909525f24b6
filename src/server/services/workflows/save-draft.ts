import { checkWorkflow } from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { storableJson } from '../storable-json';
import { workflowId } from './workflow-inputs';

export const saveDraftInput = z.object({
  id: workflowId,
  definition: storableJson,
  /** The revision the edit was based on: a stale one is a conflict, never an overwrite. */
  revision: z.number().int().min(0),
});

const MAX_DRAFT_BYTES = 2_000_000;

/**
 * Saves the draft if nobody saved since `revision`. Drafts may be incomplete (that is what
 * drafts are for) but must have the saved format's shape; publishing checks the rest.
 */
export async function saveDraft(db: Db, actor: Actor, input: z.infer<typeof saveDraftInput>) {
  requireRole(actor, 'editor');
  if (JSON.stringify(input.definition ?? null).length > MAX_DRAFT_BYTES) {
    throw new AppError('BAD_REQUEST', 'definition: larger than 2 MB');
  }
  const parsed = checkWorkflow(input.definition);
  if (!parsed.ok) {
    throw new AppError(
      'BAD_REQUEST',
      parsed.errors
        .slice(0, 10)
        .map((e) => `definition.${e.path}: ${e.message}`)
        .join('; '),
    );
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.workflow.updateMany({
      where: { id: input.id, workspaceId: actor.workspaceId, draftRevision: input.revision },
      data: {
        draft: parsed.workflow as unknown as Prisma.InputJsonValue,
        draftRevision: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await tx.workflow.findFirst({
        where: { id: input.id, workspaceId: actor.workspaceId },
        select: { draftRevision: true },
      });
      if (!current) throw notFound('Workflow');
      throw new AppError(
        'CONFLICT',
        `revision: the draft was changed elsewhere (now revision ${current.draftRevision}); reload it before saving`,
      );
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workflow.draft_saved',
      targetType: 'workflow',
      targetId: input.id,
      data: { revision: input.revision + 1 },
    });
    return { revision: input.revision + 1 };
  });
}
