import type { Flag } from '@/engine';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { notifyFlags } from '../../flags/flag-channel';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import type { FlagRecord } from './read-flags';

/** Creates or replaces a flag; audited with the whole new document, and announced to every process. */
export async function putFlag(
  db: Db,
  actor: Actor,
  flag: Flag,
): Promise<FlagRecord & { created: boolean }> {
  requireRole(actor, 'editor');
  const definition = flag as unknown as Prisma.InputJsonValue;
  return db.$transaction(async (tx) => {
    const where = { workspaceId_key: { workspaceId: actor.workspaceId, key: flag.key } };
    const before = await tx.featureFlag.findUnique({ where, select: { id: true } });
    const row = await tx.featureFlag.upsert({
      where,
      create: {
        workspaceId: actor.workspaceId,
        key: flag.key,
        definition,
        updatedById: actor.userId,
      },
      update: { definition, version: { increment: 1 }, updatedById: actor.userId },
      select: { id: true, version: true, updatedAt: true, updatedById: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: before ? 'flag.updated' : 'flag.created',
      targetType: 'flag',
      targetId: flag.key,
      data: { version: row.version, definition: flag },
    });
    await notifyFlags(tx, actor.workspaceId);
    return {
      flag,
      version: row.version,
      updatedAt: row.updatedAt,
      updatedById: row.updatedById,
      created: !before,
    };
  });
}
