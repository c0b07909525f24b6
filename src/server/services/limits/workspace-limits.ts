import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db, DbTx } from '../../db';
import { quotaUsage, type QuotaUsage } from '../../quotas/quota-usage';
import type { RateLimit } from '../../limits/token-bucket';
import { requireRole, type Actor } from '../actor';
import type { setLimitsInput } from './limits-inputs';

export interface WorkspaceLimits {
  hookRateLimit: RateLimit | null;
  allHooksRateLimit: RateLimit | null;
  retentionDays: number;
  usage: QuotaUsage;
}

const limitOf = (perSecond: number | null, burst: number | null): RateLimit | null =>
  perSecond === null || burst === null ? null : { perSecond, burst };

async function readLimits(db: DbTx, workspaceId: string) {
  const w = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: {
      hookRatePerSecond: true,
      hookRateBurst: true,
      allHooksRatePerSecond: true,
      allHooksRateBurst: true,
      retentionDays: true,
    },
  });
  return {
    hookRateLimit: limitOf(w.hookRatePerSecond, w.hookRateBurst),
    allHooksRateLimit: limitOf(w.allHooksRatePerSecond, w.allHooksRateBurst),
    retentionDays: w.retentionDays,
  };
}

/** The workspace's rate limits, retention, quotas and what it uses of them: every member. */
export async function getWorkspaceLimits(db: DbTx, actor: Actor): Promise<WorkspaceLimits> {
  requireRole(actor, 'viewer');
  const limits = await readLimits(db, actor.workspaceId);
  return { ...limits, usage: await quotaUsage(db, actor.workspaceId, new Date()) };
}

/** Admins set the webhook rate limits and the retention; audited with before and after. */
export async function setWorkspaceLimits(
  db: Db,
  actor: Actor,
  input: z.infer<typeof setLimitsInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const before = await readLimits(tx, actor.workspaceId);
    await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: {
        hookRatePerSecond: input.hookRateLimit?.perSecond ?? null,
        hookRateBurst: input.hookRateLimit?.burst ?? null,
        allHooksRatePerSecond: input.allHooksRateLimit?.perSecond ?? null,
        allHooksRateBurst: input.allHooksRateLimit?.burst ?? null,
        retentionDays: input.retentionDays,
      },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'limits.updated',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      data: { before, after: input },
    });
    return input;
  });
}
