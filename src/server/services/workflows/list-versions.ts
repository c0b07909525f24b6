import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

export async function listVersions(db: Db, actor: Actor, workflowId: string) {
  requireRole(actor, 'viewer');
  const workflow = await db.workflow.findFirst({
    where: { id: workflowId, workspaceId: actor.workspaceId },
    select: { publishedVersionId: true },
  });
  if (!workflow) throw notFound('Workflow');
  const versions = await db.workflowVersion.findMany({
    where: { workflowId, workspaceId: actor.workspaceId },
    orderBy: { number: 'desc' },
    select: { id: true, number: true, message: true, createdAt: true, createdById: true },
  });
  return versions.map((v) => ({ ...v, published: v.id === workflow.publishedVersionId }));
}
