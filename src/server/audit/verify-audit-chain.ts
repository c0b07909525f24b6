import type { DbTx } from '../db';
import { auditHmac, GENESIS, legacyAuditHash, type HashedEvent } from './audit-hash';

export interface BrokenLink {
  eventId: string;
  at: Date;
  action: string;
  problem: string;
}

export interface ChainReport {
  /** null: the system chain. */
  workspaceId: string | null;
  checked: number;
  /** The first event where the chain does not hold, or null when it is intact. */
  broken: BrokenLink | null;
}

const BATCH = 1_000;

interface Row extends HashedEvent {
  id: bigint;
  prevHash: string;
  hash: string;
  createdAt: Date;
}

/**
 * Walks one chain from its first event. Each event must name the previous event's hash and
 * carry the HMAC of its own content. Events recorded before the chain was keyed carry a bare
 * SHA-256: they are accepted only at the start of the chain and only when a keyed event
 * follows (its HMAC covers the last of them, and through it all before). A chain that still
 * ends in unkeyed events could have been rewritten wholesale, so it does not verify.
 */
export async function verifyAuditChain(
  db: DbTx,
  key: string,
  workspaceId: string | null,
): Promise<ChainReport> {
  let prevHash = GENESIS;
  let prevId: bigint | null = null;
  let keyedSeen = false;
  let firstUnsealed: Row | null = null;
  let checked = 0;
  const brokenAt = (row: Row, problem: string): ChainReport => ({
    workspaceId,
    checked,
    broken: { eventId: row.id.toString(), at: row.createdAt, action: row.action, problem },
  });

  for (;;) {
    const rows: Row[] = await db.auditEvent.findMany({
      where: { workspaceId, ...(prevId === null ? {} : { id: { gt: prevId } }) },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return brokenAt(
          row,
          prevId === null
            ? 'the first event of the chain does not start from the genesis hash: earlier events were removed'
            : `its previous hash does not match event ${prevId}: an event between them was removed, inserted or changed`,
        );
      }
      if (row.hash === auditHmac(key, row.prevHash, row, row.createdAt)) {
        keyedSeen = true;
        firstUnsealed = null;
      } else if (
        !keyedSeen &&
        row.hash === legacyAuditHash(row.prevHash, row, row.createdAt) &&
        row.ip === null
      ) {
        firstUnsealed ??= row;
      } else {
        return brokenAt(
          row,
          'its hash does not match its content: it was changed after it was recorded, or recorded with another audit key',
        );
      }
      prevHash = row.hash;
      prevId = row.id;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  if (firstUnsealed) {
    return brokenAt(
      firstUnsealed,
      'it was recorded before the chain was keyed and no keyed event seals it yet (npm start seals it)',
    );
  }
  return { workspaceId, checked, broken: null };
}

/** Every chain in the database: the system chain first, then each workspace's. */
export async function verifyAllAuditChains(db: DbTx, key: string): Promise<ChainReport[]> {
  const chains = await db.auditEvent.findMany({
    distinct: ['workspaceId'],
    select: { workspaceId: true },
    orderBy: { workspaceId: { sort: 'asc', nulls: 'first' } },
  });
  const reports: ChainReport[] = [];
  for (const { workspaceId } of chains) {
    reports.push(await verifyAuditChain(db, key, workspaceId));
  }
  return reports;
}
