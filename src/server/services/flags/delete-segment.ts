import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { notifyFlags } from '../../flags/flag-channel';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

/** Deletes a segment: rules that name it then match no context, as for an unknown segment. */
export async function deleteSegment(db: Db, actor: Actor, key: string): Promise<{ key: string }> {
  requireRole(actor, 'editor');
  return db.$transaction(async (tx) => {
    const { count } = await tx.flagSegment.deleteMany({
      where: { workspaceId: actor.workspaceId, key },
    });
    if (count === 0) throw notFound(`Segment "${key}"`);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'segment.deleted',
      targetType: 'segment',
      targetId: key,
    });
    await notifyFlags(tx, actor.workspaceId);
    return { key };
  });
}
