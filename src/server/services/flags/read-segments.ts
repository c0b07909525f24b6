import { segmentSchema, type Segment } from '@/engine';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';

export interface SegmentRecord {
  segment: Segment;
  version: number;
  updatedAt: Date;
  updatedById: string | null;
}

const select = { definition: true, version: true, updatedAt: true, updatedById: true } as const;

function toRecord(row: {
  definition: unknown;
  version: number;
  updatedAt: Date;
  updatedById: string | null;
}): SegmentRecord {
  return {
    segment: segmentSchema.parse(row.definition),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

export async function listSegments(db: Db, actor: Actor): Promise<SegmentRecord[]> {
  requireRole(actor, 'viewer');
  const rows = await db.flagSegment.findMany({
    where: { workspaceId: actor.workspaceId },
    select,
    orderBy: { key: 'asc' },
  });
  return rows.map(toRecord);
}

export async function getSegment(db: Db, actor: Actor, key: string): Promise<SegmentRecord> {
  requireRole(actor, 'viewer');
  const row = await db.flagSegment.findUnique({
    where: { workspaceId_key: { workspaceId: actor.workspaceId, key } },
    select,
  });
  if (!row) throw notFound(`Segment "${key}"`);
  return toRecord(row);
}
