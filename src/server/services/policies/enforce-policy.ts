import { checkCompliance, type PolicyViolation, type WorkflowDefinition } from '@/engine';
import { recordAudit } from '../../audit/record-audit';
import type { Db, DbTx } from '../../db';
import { AppError } from '../../errors';
import type { Actor } from '../actor';
import { exemptRules, readWorkspacePolicy } from './workspace-policy';

/** Publishing broke the policy: thrown inside the publish transaction, which it rolls back. */
export class PolicyRefusal extends Error {
  constructor(
    readonly workflowId: string,
    readonly violations: PolicyViolation[],
  ) {
    super('Publishing breaks the compliance policy');
  }
}

/** Throws a PolicyRefusal when `definition` breaks the workspace's policy. */
export async function assertCompliant(
  tx: DbTx,
  workspaceId: string,
  workflowId: string,
  definition: WorkflowDefinition,
): Promise<void> {
  const policy = await readWorkspacePolicy(tx, workspaceId);
  const violations = checkCompliance(definition, policy, await exemptRules(tx, workflowId));
  if (violations.length > 0) throw new PolicyRefusal(workflowId, violations);
}

/** Records the refusal (its own transaction: the publish's was rolled back) and says why. */
export async function refusePublish(db: Db, actor: Actor, refusal: PolicyRefusal): Promise<never> {
  const { violations } = refusal;
  await db.$transaction((tx) =>
    recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'policy.publish_refused',
      targetType: 'workflow',
      targetId: refusal.workflowId,
      data: { violations: violations.map(({ rule, path, message }) => ({ rule, path, message })) },
    }),
  );
  const listed = violations
    .slice(0, 10)
    .map((v) => `${v.path}: ${v.message} (policy rule ${v.rule})`);
  const more = violations.length > 10 ? `; and ${violations.length - 10} more` : '';
  throw new AppError('BAD_REQUEST', `Cannot publish: ${listed.join('; ')}${more}`);
}
