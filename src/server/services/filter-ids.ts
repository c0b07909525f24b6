import type { DbTx } from '../db';
import { AppError } from '../errors';

/** Ids a list or stream may be narrowed by; each must name a row of the actor's workspace. */
export interface FilterIds {
  workflowId?: string | undefined;
  runId?: string | undefined;
}

/**
 * A filter naming another workspace's workflow or run (or none at all) is refused, not
 * answered with an empty list: an id is only ever looked up inside the caller's workspace,
 * and an empty answer would read as "no runs yet" for a mistyped link.
 */
export async function assertFilterIds(
  db: DbTx,
  workspaceId: string,
  filter: FilterIds,
): Promise<void> {
  if (filter.workflowId) {
    const workflow = await db.workflow.findFirst({
      where: { id: filter.workflowId, workspaceId },
      select: { id: true },
    });
    if (!workflow) throw new AppError('NOT_FOUND', 'workflowId: no workflow with that id');
  }
  if (filter.runId) {
    const run = await db.run.findFirst({
      where: { id: filter.runId, workspaceId },
      select: { id: true },
    });
    if (!run) throw new AppError('NOT_FOUND', 'runId: no run with that id');
  }
}
