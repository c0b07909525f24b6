import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db';
import { AppError, notFound } from '../errors';
import type { Actor } from '../services/actor';
import { requireRole } from '../services/actor';
import type { revokeApiKeyInput } from './api-key-inputs';

/** Revokes a key: every request with it from now on is refused (keys are checked on each). */
export async function revokeApiKey(db: Db, actor: Actor, input: z.infer<typeof revokeApiKeyInput>) {
  requireRole(actor, 'admin');
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; revokedAt: Date | null }[]>`
      SELECT id, "revokedAt" FROM "ApiKey"
      WHERE id = ${input.id} AND "workspaceId" = ${actor.workspaceId} FOR UPDATE`;
    const key = locked[0];
    if (!key) throw notFound('API key');
    if (key.revokedAt) throw new AppError('CONFLICT', 'id: the API key is already revoked');
    const revoked = await tx.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date() },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: revoked.id,
      data: { name: revoked.name, prefix: revoked.prefix },
    });
    return { id: revoked.id, status: 'revoked' as const };
  });
}
