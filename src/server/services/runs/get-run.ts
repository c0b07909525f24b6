import type { RunState } from '@/engine';
import type { Db, DbTx } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** Child and retry runs listed on a run's page; a forEach over thousands of items is counted. */
const CHILDREN_SHOWN = 200;

/**
 * A run as its views need it: its version's definition, the engine's state and its attempt
 * records as stored (the engine's `runView` turns them into what a page shows), and the
 * runs related to it. Everything is read in one snapshot, so the state and the records
 * always describe the same moment.
 */
export async function getRun(db: Db, actor: Actor, id: string) {
  requireRole(actor, 'viewer');
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      return readRun(tx, actor.workspaceId, id);
    },
    { isolationLevel: 'RepeatableRead' },
  );
}

// One query at a time, each with at most one relation: Prisma runs sibling relations of a
// query concurrently, which a transaction's single connection can only queue.
async function readRun(tx: DbTx, workspaceId: string, id: string) {
  const run = await tx.run.findFirst({
    where: { id, workspaceId },
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
    },
  });
  if (!run) throw notFound('Run');
  const version = await tx.workflowVersion.findFirstOrThrow({
    where: { id: run.versionId, workspaceId },
    select: { number: true, definition: true },
  });
  const steps = await tx.stepRun.findMany({
    where: { runId: id, workspaceId },
    orderBy: [{ nodeId: 'asc' }, { attempt: 'asc' }],
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
      cached: true,
    },
  });
  const parent = run.parentRunId
    ? await tx.run.findFirst({
        where: { id: run.parentRunId, workspaceId },
        select: { id: true, status: true, workflow: { select: { name: true } } },
      })
    : null;
  const children = await tx.run.findMany({
    where: { parentRunId: id, workspaceId },
    orderBy: [{ parentNodeId: 'asc' }, { parentIndex: 'asc' }, { createdAt: 'asc' }],
    take: CHILDREN_SHOWN,
    select: {
      id: true,
      status: true,
      parentNodeId: true,
      parentIndex: true,
      workflow: { select: { name: true } },
    },
  });
  const childCount =
    children.length < CHILDREN_SHOWN
      ? children.length
      : await tx.run.count({ where: { parentRunId: id, workspaceId } });
  const retries = await tx.run.findMany({
    where: { retryOfId: id, workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: CHILDREN_SHOWN,
    select: { id: true, status: true, createdAt: true },
  });
  const retryOf = run.retryOfId
    ? await tx.run.findFirst({
        where: { id: run.retryOfId, workspaceId },
        select: { id: true, status: true },
      })
    : null;
  // Stored as the JSON the engine wrote; a run created before runs had one has none.
  const state = run.state as unknown as RunState | null;
  return { ...run, state, version, steps, parent, children, childCount, retries, retryOf };
}
