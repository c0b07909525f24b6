import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { setQuotasInput } from './instance-inputs';
import { requireInstanceAdmin } from './require-instance-admin';

/** An instance admin sets a workspace's quotas (null: the environment's default); audited. */
export async function setWorkspaceQuotas(
  db: Db,
  userId: string,
  input: z.infer<typeof setQuotasInput>,
) {
  return db.$transaction(async (tx) => {
    await requireInstanceAdmin(tx, userId);
    const workspace = await tx.workspace.findFirst({
      where: { id: input.workspaceId, deletedAt: null },
      select: { id: true, quotaRunsPerMonth: true, quotaActiveRuns: true },
    });
    if (!workspace) throw notFound('Workspace');
    await tx.workspace.update({
      where: { id: workspace.id },
      data: { quotaRunsPerMonth: input.runsPerMonth, quotaActiveRuns: input.activeRuns },
    });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: userId,
      action: 'quota.updated',
      targetType: 'workspace',
      targetId: workspace.id,
      data: {
        before: {
          runsPerMonth: workspace.quotaRunsPerMonth,
          activeRuns: workspace.quotaActiveRuns,
        },
        after: { runsPerMonth: input.runsPerMonth, activeRuns: input.activeRuns },
      },
    });
    return {
      workspaceId: workspace.id,
      runsPerMonth: input.runsPerMonth,
      activeRuns: input.activeRuns,
    };
  });
}
