import type { CompliancePolicy } from '@/engine';
import type { DbTx } from '../../db';
import { requireRole, type Actor } from '../actor';
import { readWorkspacePolicy } from './workspace-policy';

export interface PolicyExceptionView {
  workflowId: string;
  workflowName: string;
  rule: string;
  reason: string;
  grantedBy: string | null;
  createdAt: Date;
}

/** The policy and its exceptions: every member sees them, the designer checks against them. */
export async function getCompliancePolicy(
  db: DbTx,
  actor: Actor,
): Promise<{ policy: CompliancePolicy; exceptions: PolicyExceptionView[] }> {
  requireRole(actor, 'viewer');
  const policy = await readWorkspacePolicy(db, actor.workspaceId);
  const rows = await db.policyException.findMany({
    where: { workspaceId: actor.workspaceId },
    orderBy: { createdAt: 'asc' },
    select: {
      workflowId: true,
      rule: true,
      reason: true,
      grantedById: true,
      createdAt: true,
      workflow: { select: { name: true } },
    },
  });
  const users = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.grantedById) } },
    select: { id: true, email: true },
  });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return {
    policy,
    exceptions: rows.map((r) => ({
      workflowId: r.workflowId,
      workflowName: r.workflow.name,
      rule: r.rule,
      reason: r.reason,
      grantedBy: email.get(r.grantedById) ?? null,
      createdAt: r.createdAt,
    })),
  };
}
