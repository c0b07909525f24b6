import type { RunCommand } from '@/engine';
import type { RunState } from '@/engine';
import type { LockedRun, TimedEvent } from './runtime-types';
import { countRunStarted } from '../metrics/run-counters';
import { createRunRow } from './create-run-row';
import type { RuntimeContext } from './runtime-context';
import { asSql, type Sql } from './sql';

type StartChild = Extract<RunCommand, { type: 'startChildRun' }>;
type CancelChildren = Extract<RunCommand, { type: 'cancelChildRuns' }>;
// Passed in rather than imported: applying events starts and cancels children, which
// apply events (the recursion lives in apply-events.ts).
type Activate = (tx: Sql, ctx: RuntimeContext, runId: string) => Promise<RunState | null>;
type Apply = (
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

/**
 * Starts a child run (sub-workflow or for-each item) linked to its parent step. It is
 * activated in this transaction; when it finishes, a job tells the parent, so a child
 * never locks its parent (parents lock children to cancel them: one lock order).
 */
export async function startChildRun(
  tx: Sql,
  ctx: RuntimeContext,
  parent: LockedRun,
  command: StartChild,
  activate: Activate,
): Promise<TimedEvent | undefined> {
  const target = await resolveChildVersion(tx, parent.workspaceId, command.workflowId);
  if (!target) {
    if (command.detached) return undefined;
    return {
      event: {
        type: 'childRunFinished',
        nodeId: command.nodeId,
        attempt: command.attempt,
        index: command.index,
        status: 'failed',
        error: { message: `Sub-workflow "${command.workflowId}" not found or never published` },
      },
    };
  }
  const child = await createRunRow(tx, {
    workspaceId: parent.workspaceId,
    workflowId: target.workflowId,
    versionId: target.versionId,
    trigger: 'subworkflow',
    input: command.input,
    priority: parent.priority,
    parent: command.detached
      ? { runId: parent.id }
      : {
          runId: parent.id,
          nodeId: command.nodeId,
          attempt: command.attempt,
          index: command.index,
        },
  });
  countRunStarted(target.workflowId, 'subworkflow');
  await activate(tx, ctx, child.id);
  return undefined;
}

export async function cancelChildRuns(
  tx: Sql,
  ctx: RuntimeContext,
  parentRunId: string,
  { nodeId, attempt }: CancelChildren,
  apply: Apply,
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
