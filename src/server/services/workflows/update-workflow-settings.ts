import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { workflowId } from './workflow-inputs';

export const workflowSettingsInput = z.object({
  id: workflowId,
  /** Queue priority of the workflow's runs; higher runs first. */
  priority: z.number().int().min(-1000).max(1000).optional(),
  /** At most this many runs at once; null removes the limit. */
  concurrencyLimit: z.number().int().min(1).max(10_000).nullable().optional(),
  concurrencyPolicy: z.enum(['queue', 'skip', 'cancel-oldest']).optional(),
  /** Publishing runs the tests and is refused unless every case passes. */
  requireTestsToPublish: z.boolean().optional(),
  /** With the gate on, the least coverage (percent) a publish needs; null for none. */
  minTestCoverage: z.number().int().min(0).max(100).nullable().optional(),
});

/**
 * Settings of a workflow: priority and concurrency limit with its policy for its runs, and
 * the publish gate (require passing tests, minimum coverage).
 */
export async function updateWorkflowSettings(
  db: Db,
  actor: Actor,
  input: z.infer<typeof workflowSettingsInput>,
) {
  requireRole(actor, 'editor');
  const { id, ...settings } = input;
  return db.$transaction(async (tx) => {
    const { count } = await tx.workflow.updateMany({
      where: { id, workspaceId: actor.workspaceId },
      data: settings,
    });
    if (count === 0) throw notFound('Workflow');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workflow.settings_changed',
      targetType: 'workflow',
      targetId: id,
      data: settings,
    });
    return tx.workflow.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        priority: true,
        concurrencyLimit: true,
        concurrencyPolicy: true,
        requireTestsToPublish: true,
        minTestCoverage: true,
      },
    });
  });
}
