import type { DbTx } from '../db';
import { processEnv } from '../env';
import { QuotaExceededError } from './run-quota';

/** The quotas on what a workspace keeps (not on its runs); null: none. */
export interface ContentQuotas {
  workflows: number | null;
  fastSchedules: number | null;
}

export async function readContentQuotas(db: DbTx, workspaceId: string): Promise<ContentQuotas> {
  const env = processEnv();
  const w = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { quotaWorkflows: true, quotaFastSchedules: true },
  });
  return {
    workflows: w.quotaWorkflows ?? env.MINIFLOW_QUOTA_WORKFLOWS ?? null,
    fastSchedules: w.quotaFastSchedules ?? env.MINIFLOW_QUOTA_FAST_SCHEDULES ?? null,
  };
}

/**
 * Serialises the quota-checked changes of one workspace until the transaction ends, so two
 * concurrent creations cannot both take the last place. NO KEY UPDATE: run inserts (which
 * take KEY SHARE on their workspace through the foreign key) are not held up.
 */
async function lockWorkspace(tx: DbTx, workspaceId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE id = ${workspaceId} FOR NO KEY UPDATE`;
}

/** Throws QuotaExceededError when the workspace may not hold `adding` more workflows. */
export async function claimWorkflowQuota(tx: DbTx, workspaceId: string, adding = 1) {
  const { workflows } = await readContentQuotas(tx, workspaceId);
  if (workflows === null) return;
  await lockWorkspace(tx, workspaceId);
  const count = await tx.workflow.count({ where: { workspaceId } });
  if (count + adding > workflows) throw new QuotaExceededError('workflows', workflows);
}

/**
 * Throws QuotaExceededError when publishing `fastOfWorkflow` schedules that fire more than
 * once a minute for this workflow would take the workspace past its quota. The workflow's
 * own schedules are replaced by the publish, so only the other workflows' are counted.
 */
export async function claimFastScheduleQuota(
  tx: DbTx,
  workspaceId: string,
  workflowId: string,
  fastOfWorkflow: number,
) {
  if (fastOfWorkflow === 0) return;
  const { fastSchedules } = await readContentQuotas(tx, workspaceId);
  if (fastSchedules === null) return;
  await lockWorkspace(tx, workspaceId);
  const others = await tx.schedule.count({
    where: { workspaceId, subMinute: true, workflowId: { not: workflowId } },
  });
  if (others + fastOfWorkflow > fastSchedules) {
    throw new QuotaExceededError('schedules with a period under a minute', fastSchedules);
  }
}
