import { compliancePolicySchema, policyRuleSchema } from '@/engine';
import { z } from 'zod';
import { workflowId } from '../workflows/workflow-inputs';

export const setPolicyInput = z.object({ policy: compliancePolicySchema });

export const grantExceptionInput = z.object({
  workflowId,
  rule: policyRuleSchema,
  reason: z
    .string()
    .trim()
    .min(1, 'say why this workflow may break the rule')
    .max(500, 'must be at most 500 characters'),
});

export const revokeExceptionInput = z.object({ workflowId, rule: policyRuleSchema });
