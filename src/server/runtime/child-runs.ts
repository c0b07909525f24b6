import type { RunCommand, RunState } from '@/engine';
import { logger } from '../logger';
import { countRunStarted } from '../metrics/run-counters';
import { claimRunQuota, QuotaExceededError, readRunQuotas } from '../quotas/run-quota';
import { createRunRow } from './create-run-row';
import { TASKS, type JobSpec } from './queue';
import type { RuntimeContext } from './runtime-context';
import { RUNTIME_LIMIT_VARIABLES } from './runtime-limits';
import type { LockedRun, TimedEvent } from './runtime-types';
import { asSql, type Sql } from './sql';

type StartChild = Extract<RunCommand, { type: 'startChildRun' }>;
type CancelChildren = Extract<RunCommand, { type: 'cancelChildRuns' }>;
// Passed in rather than imported: applying events cancels children, which applies events
// to them (the recursion lives in apply-events.ts).
export type ApplyEvents = (
  tx: Sql,
  ctx: RuntimeContext,
  runId: string,
  events: TimedEvent[],
) => Promise<RunState | null>;

/** A workflow reference in a definition: a workflow id or name in the same workspace. */
async function resolveChildVersion(tx: Sql, workspaceId: string, ref: string) {
  const rows = await asSql(tx).query<{
    id: string;
    publishedVersionId: string | null;
    priority: number;
  }>(
    `SELECT id, "publishedVersionId", priority FROM "Workflow"
     WHERE "workspaceId" = $1 AND (id = $2 OR name = $2) ORDER BY (id = $2) DESC LIMIT 1`,
    [workspaceId, ref],
  );
  const workflow = rows[0];
  if (!workflow?.publishedVersionId) return undefined;
  return {
    workflowId: workflow.id,
    versionId: workflow.publishedVersionId,
    priority: workflow.priority,
  };
}

/** What starting a child asks of the parent's transaction: a job, or an event right away. */
export interface ChildStart {
  /** Activates the child in a transaction of its own. */
  job?: JobSpec;
  /** The child could not start: its step hears it failed. */
  event?: TimedEvent;
}

/**
 * Creates a child run (sub-workflow or for-each item) linked to its parent step, queued: a
 * job activates it in a transaction of its own, so a workflow that starts itself grows a
 * chain of short transactions, never one that holds its locks while the tree grows inside
 * it. Past the depth limit the child is not created and the step fails. When a child
 * finishes, a job tells the parent, so a child never locks its parent (parents lock
 * children to cancel them: one lock order).
 */
export async function startChildRun(
  tx: Sql,
  ctx: RuntimeContext,
  parent: LockedRun,
  command: StartChild,
): Promise<ChildStart> {
  const refuse = (message: string): ChildStart => {
    if (!command.detached) return { event: childFailed(command, message) };
    logger.warn({ runId: parent.id, nodeId: command.nodeId }, message);
    return {};
  };
  const depth = parent.depth + 1;
  const { maxRunDepth } = ctx.limits;
  if (depth > maxRunDepth) {
    return refuse(
      `Child runs nest deeper than the limit of ${maxRunDepth} (${RUNTIME_LIMIT_VARIABLES.maxRunDepth})`,
    );
  }
  const target = await resolveChildVersion(tx, parent.workspaceId, command.workflowId);
  if (!target) return refuse(`Sub-workflow "${command.workflowId}" not found or never published`);
  try {
    const quotas = await readRunQuotas(asSql(tx), parent.workspaceId);
    await claimRunQuota(asSql(tx), parent.workspaceId, quotas, ctx.now());
  } catch (error) {
    if (error instanceof QuotaExceededError) return refuse(error.message);
    throw error;
  }
  const child = await createRunRow(
    tx,
    {
      workspaceId: parent.workspaceId,
      workflowId: target.workflowId,
      versionId: target.versionId,
      trigger: 'subworkflow',
      input: command.input,
      priority: parent.priority,
      depth,
      parent: command.detached
        ? { runId: parent.id }
        : {
            runId: parent.id,
            nodeId: command.nodeId,
            attempt: command.attempt,
            index: command.index,
          },
    },
    ctx.now(),
  );
  countRunStarted(target.workflowId, 'subworkflow');
  return { job: { task: TASKS.activate, payload: { runId: child.id }, priority: parent.priority } };
}

function childFailed(command: StartChild, message: string): TimedEvent {
  return {
    event: {
      type: 'childRunFinished',
      nodeId: command.nodeId,
      attempt: command.attempt,
      index: command.index,
      status: 'failed',
      error: { message },
    },
  };
}

export async function cancelChildRuns(
  tx: Sql,
  ctx: RuntimeContext,
  parentRunId: string,
  { nodeId, attempt }: CancelChildren,
  apply: ApplyEvents,
): Promise<void> {
  const children = await tx.query<{ id: string }>(
    `SELECT id FROM "Run" WHERE "parentRunId" = $1 AND "parentNodeId" = $2 AND "parentAttempt" = $3
       AND status IN ('queued', 'running', 'waiting')`,
    [parentRunId, nodeId, attempt],
  );
  for (const child of children) {
    await apply(tx, ctx, child.id, [
      { event: { type: 'cancelRequested', reason: 'Parent step cancelled' } },
    ]);
  }
}
