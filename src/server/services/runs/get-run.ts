import type { RunState } from '@/engine';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** Child and retry runs listed on a run's page; a forEach over thousands of items is counted. */
const CHILDREN_SHOWN = 200;

/** A run with its steps, its version's graph and the runs related to it, as its page shows. */
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
      parentNodeId: true,
      retryOfId: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      state: true,
      workflow: { select: { name: true } },
      version: { select: { number: true, definition: true } },
      steps: {
        orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }],
        select: {
          nodeId: true,
          attempt: true,
          status: true,
          input: true,
          output: true,
          error: true,
          logs: true,
          startedAt: true,
          finishedAt: true,
          durationMs: true,
        },
      },
      parent: { select: { id: true, status: true, workflow: { select: { name: true } } } },
      children: {
        orderBy: [{ parentNodeId: 'asc' }, { parentIndex: 'asc' }, { createdAt: 'asc' }],
        take: CHILDREN_SHOWN,
        select: {
          id: true,
          status: true,
          parentNodeId: true,
          parentIndex: true,
          workflow: { select: { name: true } },
        },
      },
      _count: { select: { children: true } },
    },
  });
  if (!run) throw notFound('Run');
  const retries = await db.run.findMany({
    where: { retryOfId: run.id, workspaceId: actor.workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: CHILDREN_SHOWN,
    select: { id: true, status: true, createdAt: true },
  });
  const retryOf = run.retryOfId
    ? await db.run.findFirst({
        where: { id: run.retryOfId, workspaceId: actor.workspaceId },
        select: { id: true, status: true },
      })
    : null;
  const { state, ...rest } = run;
  return { ...rest, nodes: liveNodes(state), retryOf, retries };
}

/**
 * Where each step stands now, from the engine's state: the step records only hold attempts
 * that ended or wait, while this also shows a step that is scheduled, running or backing
 * off before a retry. Outputs stay out: the records carry them.
 */
function liveNodes(state: unknown) {
  const nodes = (state as RunState | null)?.nodes ?? [];
  return nodes.map((n) => ({
    id: n.id,
    status: n.status,
    attempts: n.attempts,
    startedAt: n.startedAt ?? null,
    finishedAt: n.finishedAt ?? null,
    notBefore: n.notBefore ?? null,
    waitUntil: n.delay?.until ?? null,
  }));
}
