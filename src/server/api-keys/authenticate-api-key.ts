import type { Role } from '@/shared/roles';
import { recordAudit } from '../audit/record-audit';
import { hasRole } from '../auth/rbac';
import type { Db } from '../db';
import { AppError } from '../errors';
import { isWellFormedKey } from './key-format';
import { hashKey, sameHash } from './key-hash';

/** A verified key: the workspace it acts in and the role it acts with. */
export interface ApiKeyPrincipal {
  keyId: string;
  workspace: { id: string; slug: string; name: string };
  role: Role;
}

/** The id a key acts under in audit events and as a creator of what it makes. */
export function apiKeyActorId(keyId: string): string {
  return `api-key:${keyId}`;
}

/** Last-used times are kept to the minute: a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const refused = (message: string) => new AppError('UNAUTHORIZED', message);

/**
 * Checks a key on every request: its shape and check digits, its hash, then revocation,
 * expiry and its workspace. A key made by a member acts with at most that member's current
 * role, and stops working when they leave the workspace. The first use is audited.
 */
export async function authenticateApiKey(
  db: Db,
  pepper: Buffer,
  key: string,
  now = new Date(),
): Promise<ApiKeyPrincipal> {
  if (!isWellFormedKey(key)) throw refused('API key not recognised');
  const hash = hashKey(key, pepper);
  const row = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      hash: true,
      role: true,
      createdById: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      workspace: { select: { id: true, slug: true, name: true, deletedAt: true } },
    },
  });
  if (!row || !sameHash(row.hash, hash) || row.workspace.deletedAt) {
    throw refused('API key not recognised');
  }
  if (row.revokedAt) throw refused('API key revoked');
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) throw refused('API key expired');
  let role: Role = row.role;
  if (row.createdById) {
    const creator = await db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: row.workspace.id, userId: row.createdById } },
      select: { role: true },
    });
    if (!creator) throw refused('API key not valid: its creator is no longer a member');
    if (!hasRole(creator.role, role)) role = creator.role;
  }
  await markUsed(db, row.id, row.workspace.id, row.lastUsedAt, now);
  const { deletedAt: _deletedAt, ...workspace } = row.workspace;
  return { keyId: row.id, workspace, role };
}

async function markUsed(
  db: Db,
  keyId: string,
  workspaceId: string,
  lastUsedAt: Date | null,
  now: Date,
): Promise<void> {
  if (lastUsedAt === null) {
    await db.$transaction(async (tx) => {
      // Only the request that sets the first time records it, however many arrive at once.
      const { count } = await tx.apiKey.updateMany({
        where: { id: keyId, lastUsedAt: null },
        data: { lastUsedAt: now },
      });
      if (count === 1) {
        await recordAudit(tx, {
          workspaceId,
          actorId: apiKeyActorId(keyId),
          action: 'api_key.first_used',
          targetType: 'api_key',
          targetId: keyId,
        });
      }
    });
    return;
  }
  if (now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiKey.updateMany({
      where: { id: keyId, lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
      data: { lastUsedAt: now },
    });
  }
}
