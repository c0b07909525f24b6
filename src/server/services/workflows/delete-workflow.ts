import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** Deletes the workflow with its versions and runs. */
export async function deleteWorkflow(db: Db, actor: Actor, id: string) {
  requireRole(actor, 'editor');
  return db.$transaction(async (tx) => {
    const { count } = await tx.workflow.deleteMany({
      where: { id, workspaceId: actor.workspaceId },
    });
    if (count === 0) throw notFound('Workflow');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workflow.deleted',
      targetType: 'workflow',
      targetId: id,
    });
    return { id };
  });
}
