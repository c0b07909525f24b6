import type { Db } from '../db';
import { auditEnv } from '../env';
import { auditHmac } from './audit-hash';
import { recordAudit } from './record-audit';

export const CHAIN_SEALED = 'audit.chain_sealed';

/**
 * Events recorded before the chain was keyed keep their bare SHA-256 (the table is
 * append-only, so they are not rewritten). Appending one keyed event to each chain that
 * ends in such events seals them: its HMAC covers the last one's hash, which covers all
 * before it. Run once, by the start that creates the audit key (an upgrade), after
 * migrations; returns the workspaces sealed.
 */
export async function sealLegacyAuditChains(db: Db): Promise<string[]> {
  const key = auditEnv().MINIFLOW_AUDIT_KEY;
  const lasts = await db.$queryRaw<
    Array<{
      id: bigint;
      workspaceId: string;
      actorId: string | null;
      action: string;
      targetType: string;
      targetId: string | null;
      data: unknown;
      ip: string | null;
      prevHash: string;
      hash: string;
      createdAt: Date;
    }>
  >`SELECT DISTINCT ON ("workspaceId") * FROM "AuditEvent"
    WHERE "workspaceId" IS NOT NULL ORDER BY "workspaceId", "id" DESC`;
  const sealed: string[] = [];
  for (const last of lasts) {
    if (last.hash === auditHmac(key, last.prevHash, last, last.createdAt)) continue;
    await db.$transaction((tx) =>
      recordAudit(tx, {
        workspaceId: last.workspaceId,
        actorId: null,
        action: CHAIN_SEALED,
        targetType: 'workspace',
        targetId: last.workspaceId,
        data: { sealedThrough: last.id.toString() },
        ip: null,
      }),
    );
    sealed.push(last.workspaceId);
  }
  return sealed;
}
