import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

export async function getWorkflow(db: Db, actor: Actor, id: string) {
  requireRole(actor, 'viewer');
  const workflow = await db.workflow.findFirst({ where: { id, workspaceId: actor.workspaceId } });
  if (!workflow) throw notFound('Workflow');
  return workflow;
}
