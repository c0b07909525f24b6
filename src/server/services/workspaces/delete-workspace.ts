import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { endSessionsOfUsersWithoutWorkspace } from '../../auth/sessions';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { notifyAccessChanged } from '../../events/access-listener';
import { applyEvents } from '../../runtime/apply-events';
import { runtimeTxOptions, type RuntimeContext } from '../../runtime/runtime-context';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { deleteWorkspaceInput } from './workspace-inputs';

/**
 * Deletes the workspace once its owner has typed its name. Its triggers stop first (no
 * schedule fires, no hook answers), then its unfinished runs are cancelled through the
 * runtime so running steps stop, then its data goes. The row stays as a tombstone with its
 * audit trail (append-only) and its slug (never reused).
 */
export async function deleteWorkspace(
  db: Db,
  runtime: RuntimeContext,
  actor: Actor,
  input: z.infer<typeof deleteWorkspaceInput>,
) {
  requireRole(actor, 'owner');
  return db.$transaction(async (tx) => {
    const [workspace] = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "Workspace" WHERE id = ${actor.workspaceId} AND "deletedAt" IS NULL FOR UPDATE`;
    if (!workspace) throw new AppError('NOT_FOUND', 'Workspace not found');
    if (input.confirmName !== workspace.name) {
      throw new AppError(
        'BAD_REQUEST',
        `confirmName: type the workspace's name, "${workspace.name}", to delete it`,
      );
    }
    const schedules = await tx.schedule.deleteMany({ where: { workspaceId: actor.workspaceId } });
    const webhooks = await tx.webhook.deleteMany({ where: { workspaceId: actor.workspaceId } });
    const active = await tx.run.findMany({
      where: { workspaceId: actor.workspaceId, status: { in: ['queued', 'running', 'waiting'] } },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
    });
    for (const run of active) {
      await applyEvents(tx, runtime, run.id, [
        { event: { type: 'cancelRequested', reason: 'The workspace was deleted' } },
      ]);
    }
    await tx.workflow.deleteMany({ where: { workspaceId: actor.workspaceId } });
    await tx.invitation.deleteMany({ where: { workspaceId: actor.workspaceId } });
    const members = await tx.membership.findMany({
      where: { workspaceId: actor.workspaceId },
      select: { userId: true },
    });
    await tx.membership.deleteMany({ where: { workspaceId: actor.workspaceId } });
    await tx.workspace.update({
      where: { id: actor.workspaceId },
      data: { deletedAt: new Date() },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'workspace.deleted',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      data: {
        name: workspace.name,
        cancelledRuns: active.length,
        schedules: schedules.count,
        webhooks: webhooks.count,
      },
    });
    const userIds = members.map((m) => m.userId);
    await notifyAccessChanged(tx, userIds);
    // The owner who deletes their last workspace stays signed in to create another.
    await endSessionsOfUsersWithoutWorkspace(
      tx,
      userIds.filter((id) => id !== actor.userId),
    );
    return { id: actor.workspaceId, cancelledRuns: active.length };
  }, runtimeTxOptions(runtime));
}
