import {
  compliancePolicySchema,
  policyRuleSchema,
  type CompliancePolicy,
  type PolicyRule,
} from '@/engine';
import type { DbTx } from '../../db';

/** The workspace's compliance policy; none (every rule off) when unset. */
export async function readWorkspacePolicy(
  tx: DbTx,
  workspaceId: string,
): Promise<CompliancePolicy> {
  const row = await tx.workspace.findUnique({
    where: { id: workspaceId },
    select: { policy: true },
  });
  // Written only through setCompliancePolicy, which validates it.
  const parsed = compliancePolicySchema.safeParse(row?.policy ?? {});
  return parsed.success ? parsed.data : {};
}

/** The rules a workflow has been granted an exception from. */
export async function exemptRules(tx: DbTx, workflowId: string): Promise<PolicyRule[]> {
  const rows = await tx.policyException.findMany({ where: { workflowId }, select: { rule: true } });
  return rows.flatMap((r) => {
    const rule = policyRuleSchema.safeParse(r.rule);
    return rule.success ? [rule.data] : [];
  });
}
