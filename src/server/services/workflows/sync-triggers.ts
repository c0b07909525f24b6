import type { WorkflowDefinition } from '@/engine';
import { nextFireTime } from '@/engine/steps/cron-schedule';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';
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
  await tx.webhook.deleteMany({ where: { workflowId: target.workflowId } });
  const cronNodeIds: string[] = [];
  for (const [index, node] of definition.nodes.entries()) {
    const params = node.params as Record<string, unknown>;
    if (node.type === 'webhook') {
      const path = String(params.path);
      const method = String(params.method ?? 'POST');
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
          responseMode: String(params.responseMode ?? 'onCompletion'),
          secretName: typeof params.secret === 'string' && params.secret ? params.secret : null,
        },
      });
    }
    if (node.type === 'cron') {
      cronNodeIds.push(node.id);
      const cron = String(params.expression);
      const timezone = String(params.timezone ?? 'UTC');
      const fields = {
        versionId: target.versionId,
        cron,
        timezone,
        overlap: String(params.overlap ?? 'skip'),
        catchUp: String(params.catchUp ?? 'none'),
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
