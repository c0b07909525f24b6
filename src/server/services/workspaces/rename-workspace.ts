import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { renameWorkspaceInput } from './workspace-inputs';

/** Renames the workspace; its slug, and so every link to it, stays. */
export async function renameWorkspace(
  db: Db,
  actor: Actor,
  input: z.infer<typeof renameWorkspaceInput>,
) {
  requireRole(actor, 'owner');
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: actor.workspaceId },
      select: { name: true },
    });
    const workspace = await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: { name: input.name },
      select: { id: true, slug: true, name: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workspace.renamed',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      data: { from: before.name, to: input.name },
    });
    return workspace;
  });
}
