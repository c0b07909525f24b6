import type { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../db';
import { auditEnv } from '../env';
import { auditHmac, GENESIS } from './audit-hash';
import { currentClientAddress } from './request-client';

export interface AuditInput {
  /** The workspace's chain; null for the system chain (events that belong to no workspace). */
  workspaceId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
  /** Client address; by default the one of the request being served, if any. */
  ip?: string | null;
}

/**
 * Appends to the workspace's chain, keyed with MINIFLOW_AUDIT_KEY. Call it inside the
 * transaction of the change it describes, so the record exists exactly when the change does.
 */
export async function recordAudit(tx: DbTx, event: AuditInput): Promise<void> {
  const key = auditEnv().MINIFLOW_AUDIT_KEY;
  // Serialises appends per chain so two writers cannot fork it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`audit:${event.workspaceId ?? 'system'}`}))`;
  const last = await tx.auditEvent.findFirst({
    where: { workspaceId: event.workspaceId },
    orderBy: { id: 'desc' },
    select: { hash: true },
  });
  const prevHash = last?.hash ?? GENESIS;
  const createdAt = new Date();
  const hashed = {
    workspaceId: event.workspaceId,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    data: event.data ?? {},
    ip: event.ip === undefined ? currentClientAddress() : event.ip,
  };
  await tx.auditEvent.create({
    data: {
      ...hashed,
      data: hashed.data as Prisma.InputJsonObject,
      prevHash,
      hash: auditHmac(key, prevHash, hashed, createdAt),
      createdAt,
    },
  });
}
