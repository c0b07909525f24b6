import type { WorkflowDefinition } from '@/engine';
import { cronStep } from '@/engine/steps/cron';
import { nextFireTime } from '@/engine/steps/cron-schedule';
import { webhookStep } from '@/engine/steps/webhook';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';
import { firesMoreThanOncePerMinute } from '../../quotas/cron-period';
import { claimFastScheduleQuota } from '../../quotas/workspace-quotas';
import { notifySchedules } from '../../scheduler/schedule-channel';

interface Target {
  workspaceId: string;
  workflowId: string;
  versionId: string;
}

/**
 * Makes the webhook and cron rows match the published version's trigger: a webhook path
 * is unique per workspace and method; a schedule keeps its row (and its fire history)
 * across versions so catch-up and exactly-once survive a republish.
 */
export async function syncTriggers(
  tx: DbTx,
  target: Target,
  definition: WorkflowDefinition,
  now: number,
): Promise<void> {
  const fast = new Set(
    definition.nodes
      .filter((node) => node.type === 'cron')
      .filter((node) => firesMoreThanOncePerMinute(cronStep.params.parse(node.params).expression))
      .map((node) => node.id),
  );
  await claimFastScheduleQuota(tx, target.workspaceId, target.workflowId, fast.size);
  await tx.webhook.deleteMany({ where: { workflowId: target.workflowId } });
  const cronNodeIds: string[] = [];
  for (const [index, node] of definition.nodes.entries()) {
    if (node.type === 'webhook') {
      // Validated when published; parsing again applies the schema's defaults.
      const params = webhookStep.params.parse(node.params);
      const { path, method } = params;
      const clash = await tx.webhook.findFirst({
        where: { workspaceId: target.workspaceId, path, method },
        select: { workflow: { select: { name: true } } },
      });
      if (clash) {
        throw new AppError(
          'CONFLICT',
          `nodes[${index}].params.path: ${method} ${path} is already the webhook of "${clash.workflow.name}"`,
        );
      }
      await tx.webhook.create({
        data: {
          ...target,
          nodeId: node.id,
          path,
          method,
          responseMode: params.responseMode,
          errorDetails: params.errorDetails,
          secretName: params.secret || null,
          sigTolerance: params.signatureTolerance ?? null,
          sigBodyOnly: params.acceptBodyOnlySignature ?? false,
          ratePerSecond: params.rateLimit?.perSecond ?? null,
          rateBurst: params.rateLimit?.burst ?? null,
        },
      });
    }
    if (node.type === 'cron') {
      cronNodeIds.push(node.id);
      const params = cronStep.params.parse(node.params);
      const { expression: cron, timezone } = params;
      const fields = {
        versionId: target.versionId,
        cron,
        timezone,
        overlap: params.overlap,
        catchUp: params.catchUp,
        subMinute: fast.has(node.id),
      };
      const next = nextFireTime(cron, timezone, now);
      const nextFireAt = next === undefined ? null : new Date(next);
      const existing = await tx.schedule.findUnique({
        where: { workflowId_nodeId: { workflowId: target.workflowId, nodeId: node.id } },
        select: { cron: true, timezone: true },
      });
      // A changed pattern or zone starts from its own next tick; otherwise the row keeps
      // its place so catch-up and exactly-once survive the republish.
      const retimed = !existing || existing.cron !== cron || existing.timezone !== timezone;
      const schedule = await tx.schedule.upsert({
        where: { workflowId_nodeId: { workflowId: target.workflowId, nodeId: node.id } },
        create: {
          ...fields,
          workspaceId: target.workspaceId,
          workflowId: target.workflowId,
          nodeId: node.id,
          nextFireAt,
        },
        update: { ...fields, ...(retimed ? { nextFireAt } : {}) },
        select: { id: true },
      });
      await notifySchedules(tx, schedule.id);
    }
  }
  await tx.schedule.deleteMany({
    where: { workflowId: target.workflowId, nodeId: { notIn: cronNodeIds } },
  });
}
