import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

export async function getRun(db: Db, actor: Actor, id: string) {
  requireRole(actor, 'viewer');
  const run = await db.run.findFirst({
    where: { id, workspaceId: actor.workspaceId },
    select: {
      id: true,
      workflowId: true,
      versionId: true,
      status: true,
      trigger: true,
      priority: true,
      input: true,
      output: true,
      error: true,
      parentRunId: true,
      retryOfId: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      workflow: { select: { name: true } },
      version: { select: { number: true, definition: true } },
      steps: {
        orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }],
        select: {
          nodeId: true,
          attempt: true,
          status: true,
          output: true,
          error: true,
          startedAt: true,
          finishedAt: true,
          durationMs: true,
        },
      },
      children: { select: { id: true, status: true, parentNodeId: true, parentIndex: true } },
    },
  });
  if (!run) throw notFound('Run');
  return run;
}
