import { flagSchema, type Flag } from '@/engine';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';

export interface FlagRecord {
  flag: Flag;
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
}): FlagRecord {
  return {
    flag: flagSchema.parse(row.definition),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

export async function listFlags(db: Db, actor: Actor): Promise<FlagRecord[]> {
  const rows = await db.featureFlag.findMany({
    where: { workspaceId: actor.workspaceId },
    select,
    orderBy: { key: 'asc' },
  });
  return rows.map(toRecord);
}

export async function getFlag(db: Db, actor: Actor, key: string): Promise<FlagRecord> {
  const row = await db.featureFlag.findUnique({
    where: { workspaceId_key: { workspaceId: actor.workspaceId, key } },
    select,
  });
  if (!row) throw notFound(`Flag "${key}"`);
  return toRecord(row);
}
