import { verifyAuditChain } from '../../audit/verify-audit-chain';
import type { DbTx } from '../../db';
import { auditEnv } from '../../env';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** Checks the workspace's whole chain, as `miniflow audit verify` does for every chain. */
export async function verifyWorkspaceAudit(db: DbTx, actor: Actor) {
  requireRole(actor, 'admin');
  const report = await verifyAuditChain(db, auditEnv().MINIFLOW_AUDIT_KEY, actor.workspaceId);
  return { intact: report.broken === null, checked: report.checked, broken: report.broken };
}
