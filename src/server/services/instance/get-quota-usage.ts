import type { DbTx } from '../../db';
import { quotaUsage } from '../../quotas/quota-usage';
import { requireRole, type Actor } from '../actor';

/** The workspace's quotas and usage: every member may see them. */
export async function getQuotaUsage(db: DbTx, actor: Actor) {
  requireRole(actor, 'viewer');
  return quotaUsage(db, actor.workspaceId, new Date());
}
