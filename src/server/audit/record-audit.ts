import { createHash } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../db';

export interface AuditInput {
  workspaceId: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted, so the hash survives jsonb's own key ordering. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function auditHash(prevHash: string, event: AuditInput, at: Date): string {
  const body = JSON.stringify([
    prevHash,
    event.workspaceId,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId ?? null,
    canonical(event.data ?? {}),
    at.toISOString(),
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends to the workspace's hash chain. Call it inside the transaction of the change it
 * describes, so the record exists exactly when the change does.
 */
export async function recordAudit(tx: DbTx, event: AuditInput): Promise<void> {
  // Serialises appends per workspace so two writers cannot fork the chain.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`audit:${event.workspaceId}`}))`;
  const last = await tx.auditEvent.findFirst({
    where: { workspaceId: event.workspaceId },
    orderBy: { id: 'desc' },
    select: { hash: true },
  });
  const prevHash = last?.hash ?? GENESIS;
  const createdAt = new Date();
  await tx.auditEvent.create({
    data: {
      workspaceId: event.workspaceId,
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      data: (event.data ?? {}) as Prisma.InputJsonObject,
      prevHash,
      hash: auditHash(prevHash, event, createdAt),
      createdAt,
    },
  });
}
