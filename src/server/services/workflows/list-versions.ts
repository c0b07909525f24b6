import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { versionAuthors } from './version-authors';

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
    select: {
      id: true,
      number: true,
      message: true,
      createdAt: true,
      createdById: true,
      testResults: true,
    },
  });
  const authors = await versionAuthors(
    db,
    versions.map((v) => v.createdById),
  );
  return versions.map((v) => ({
    ...v,
    author: (v.createdById && authors.get(v.createdById)) || null,
    published: v.id === workflow.publishedVersionId,
  }));
}
