import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { requireRole, type Actor } from '../actor';
import type { grantExceptionInput, revokeExceptionInput } from './policy-inputs';

/** Lets one workflow break one rule (publishing and at run time), with the reason recorded. */
export async function grantPolicyException(
  db: Db,
  actor: Actor,
  input: z.infer<typeof grantExceptionInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({
      where: { id: input.workflowId, workspaceId: actor.workspaceId },
      select: { id: true },
    });
    if (!workflow) throw notFound('Workflow');
    const fields = { reason: input.reason, grantedById: actor.userId };
    await tx.policyException.upsert({
      where: { workflowId_rule: { workflowId: workflow.id, rule: input.rule } },
      create: {
        workflowId: workflow.id,
        rule: input.rule,
        workspaceId: actor.workspaceId,
        ...fields,
      },
      update: fields,
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'policy.exception_granted',
      targetType: 'workflow',
      targetId: workflow.id,
      data: { rule: input.rule, reason: input.reason },
    });
    return { workflowId: workflow.id, rule: input.rule };
  });
}

/** Withdraws an exception: the rule binds the workflow again. */
export async function revokePolicyException(
  db: Db,
  actor: Actor,
  input: z.infer<typeof revokeExceptionInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const removed = await tx.policyException.deleteMany({
      where: { workflowId: input.workflowId, rule: input.rule, workspaceId: actor.workspaceId },
    });
    if (removed.count === 0) throw notFound('Policy exception');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'policy.exception_revoked',
      targetType: 'workflow',
      targetId: input.workflowId,
      data: { rule: input.rule },
    });
    return { workflowId: input.workflowId, rule: input.rule };
  });
}
