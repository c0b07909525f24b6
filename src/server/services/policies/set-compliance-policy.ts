import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { requireRole, type Actor } from '../actor';
import type { setPolicyInput } from './policy-inputs';
import { readWorkspacePolicy } from './workspace-policy';

/**
 * Replaces the workspace's compliance policy. It binds publishing from now on and HTTP and
 * database steps at once, published workflows included; the change is audited with before and after.
 */
export async function setCompliancePolicy(
  db: Db,
  actor: Actor,
  input: z.infer<typeof setPolicyInput>,
) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const before = await readWorkspacePolicy(tx, actor.workspaceId);
    await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: { policy: input.policy },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'policy.updated',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      data: { before, after: input.policy },
    });
    return input.policy;
  });
}
