import type { Segment } from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notifyFlags } from '../../flags/flag-channel';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { SegmentRecord } from './read-segments';

/**
 * Creates or replaces a segment; audited with the whole new document. Flags that refer to it
 * evaluate differently from now on, so every process's flag cache is told, as for a flag.
 */
export async function putSegment(
  db: Db,
  actor: Actor,
  segment: Segment,
): Promise<SegmentRecord & { created: boolean }> {
  requireRole(actor, 'editor');
  const definition = segment as unknown as Prisma.InputJsonValue;
  return db.$transaction(async (tx) => {
    const where = { workspaceId_key: { workspaceId: actor.workspaceId, key: segment.key } };
    const before = await tx.flagSegment.findUnique({ where, select: { id: true } });
    const row = await tx.flagSegment.upsert({
      where,
      create: {
        workspaceId: actor.workspaceId,
        key: segment.key,
        definition,
        updatedById: actor.userId,
      },
      update: { definition, version: { increment: 1 }, updatedById: actor.userId },
      select: { version: true, updatedAt: true, updatedById: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: before ? 'segment.updated' : 'segment.created',
      targetType: 'segment',
      targetId: segment.key,
      data: { version: row.version, definition: segment },
    });
    await notifyFlags(tx, actor.workspaceId);
    return { segment, ...row, created: !before };
  });
}
