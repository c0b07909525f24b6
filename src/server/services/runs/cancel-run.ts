import { isRunFinal } from '@/engine';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { applyEvents } from '../../runtime/apply-events';
import type { RuntimeContext } from '../../runtime/runtime-context';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** Cancels a run that has not finished: nothing more is scheduled, running steps stop. */
export async function cancelRun(db: Db, runtime: RuntimeContext, actor: Actor, id: string) {
  requireRole(actor, 'operator');
  return db.$transaction(async (tx) => {
    // Locked before it is read: a start job activating this queued run at the same moment
    // either finishes first (and the run is cancelled as a started one) or finds it
    // cancelled. Unlocked, the run could end up 'cancelled' with a live state.
    await tx.$queryRaw`SELECT 1 FROM "Run" WHERE id = ${id} AND "workspaceId" = ${actor.workspaceId} FOR UPDATE`;
    const run = await tx.run.findFirst({
      where: { id, workspaceId: actor.workspaceId },
      select: { id: true, status: true },
    });
    if (!run) throw notFound('Run');
    if (isRunFinal(run.status)) {
      return { id: run.id, status: run.status };
    }
    const state = await applyEvents(tx, runtime, run.id, [
      { event: { type: 'cancelRequested', reason: 'Cancelled by a user' } },
    ]);
    const status = state?.status ?? run.status;
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'run.cancelled',
      targetType: 'run',
      targetId: run.id,
    });
    return { id: run.id, status };
  });
}
