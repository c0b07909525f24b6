import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import type { createWorkspaceInput } from './workspace-inputs';
import { freeSlug } from './workspace-slug';

/** Any signed-in user may create a workspace; they become its owner. */
export async function createWorkspace(
  db: Db,
  userId: string,
  input: z.infer<typeof createWorkspaceInput>,
) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('miniflow:workspace-slugs'))`;
    const workspace = await tx.workspace.create({
      data: { name: input.name, slug: await freeSlug(tx, input.name) },
      select: { id: true, slug: true, name: true },
    });
    await tx.membership.create({ data: { workspaceId: workspace.id, userId, role: 'owner' } });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: userId,
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace.id,
      data: { name: workspace.name, slug: workspace.slug },
    });
    return workspace;
  });
}
