import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { refreshStoredBytes } from '../../quotas/stored-bytes';
import type { setQuotasInput } from './instance-inputs';
import { requireInstanceAdmin } from './require-instance-admin';

const QUOTA_FIELDS = {
  quotaRunsPerMonth: true,
  quotaActiveRuns: true,
  quotaStoredBytes: true,
  quotaWorkflows: true,
  quotaFastSchedules: true,
} as const;

type QuotaRow = {
  quotaRunsPerMonth: number | null;
  quotaActiveRuns: number | null;
  quotaStoredBytes: bigint | null;
  quotaWorkflows: number | null;
  quotaFastSchedules: number | null;
};

const asQuotas = (w: QuotaRow) => ({
  runsPerMonth: w.quotaRunsPerMonth,
  activeRuns: w.quotaActiveRuns,
  storedBytes: w.quotaStoredBytes === null ? null : Number(w.quotaStoredBytes),
  workflows: w.quotaWorkflows,
  fastSchedules: w.quotaFastSchedules,
});

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
      select: { id: true, ...QUOTA_FIELDS },
    });
    if (!workspace) throw notFound('Workspace');
    const updated = await tx.workspace.update({
      where: { id: workspace.id },
      data: {
        quotaRunsPerMonth: input.runsPerMonth,
        quotaActiveRuns: input.activeRuns,
        quotaStoredBytes:
          input.storedBytes === undefined || input.storedBytes === null
            ? input.storedBytes
            : BigInt(input.storedBytes),
        quotaWorkflows: input.workflows,
        quotaFastSchedules: input.fastSchedules,
      },
      select: QUOTA_FIELDS,
    });
    // A new stored-bytes quota applies at once, not from the next background estimate.
    if (input.storedBytes !== undefined && input.storedBytes !== null) {
      await refreshStoredBytes(tx, workspace.id);
    }
    const after = asQuotas(updated);
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: userId,
      action: 'quota.updated',
      targetType: 'workspace',
      targetId: workspace.id,
      data: { before: asQuotas(workspace), after },
    });
    return { workspaceId: workspace.id, ...after };
  });
}
