import type { Role } from '@/shared/roles';
import { recordAudit } from '../audit/record-audit';
import type { DbTx } from '../db';
import { displayPrefix, generateKey } from './key-format';
import { hashKey } from './key-hash';

export interface NewApiKey {
  workspaceId: string;
  name: string;
  role: Exclude<Role, 'owner'>;
  expiresAt: Date | null;
  /** The member who made it; null when made on the server's command line. */
  createdById: string | null;
}

/**
 * Stores a new key's hash and prefix and audits it; returns the key itself, which exists
 * nowhere else from then on.
 */
export async function insertApiKey(tx: DbTx, pepper: Buffer, input: NewApiKey) {
  const key = generateKey();
  const row = await tx.apiKey.create({
    data: {
      workspaceId: input.workspaceId,
      name: input.name,
      role: input.role,
      hash: hashKey(key, pepper),
      prefix: displayPrefix(key),
      createdById: input.createdById,
      expiresAt: input.expiresAt,
    },
    select: { id: true, name: true, role: true, prefix: true, createdAt: true, expiresAt: true },
  });
  await recordAudit(tx, {
    workspaceId: input.workspaceId,
    actorId: input.createdById,
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: row.id,
    data: {
      name: row.name,
      role: row.role,
      prefix: row.prefix,
      expiresAt: row.expiresAt?.toISOString() ?? null,
    },
  });
  return { ...row, key };
}
