import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** A workflow's cases, by name, each with how it went last time. */
export async function listTestCases(db: Db, actor: Actor, workflowId: string) {
  requireRole(actor, 'viewer');
  const workflow = await db.workflow.findFirst({
    where: { id: workflowId, workspaceId: actor.workspaceId },
    select: { id: true },
  });
  if (!workflow) throw notFound('Workflow');
  return db.testCase.findMany({
    where: { workflowId, workspaceId: actor.workspaceId },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, definition: true, lastResult: true, updatedAt: true },
  });
}
