import type { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../../db';
import type { Actor } from '../actor';
import { assertFilterIds } from '../filter-ids';
import { requireRole } from '../actor';
import type { listRunsInput } from './run-inputs';

export interface RunListItem {
  id: string;
  workflowId: string;
  workflowName: string;
  status: string;
  trigger: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  parentRunId: string | null;
  retryOfId: string | null;
}

const utc = (iso: string) =>
  Prisma.sql`${new Date(iso).toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * The statement behind a page of runs: newest first, keyset-paginated on (createdAt, id).
 * Every filter shape has an index that starts with workspaceId and its equality columns,
 * then (createdAt DESC, id DESC), so a page reads about `limit` index entries however many
 * runs the workspace holds, with no sort; the row comparison lets PostgreSQL start the
 * scan at the cursor. Exported so a test can EXPLAIN exactly what the service runs.
 */
export function listRunsQuery(workspaceId: string, input: z.infer<typeof listRunsInput>) {
  const where: Prisma.Sql[] = [Prisma.sql`r."workspaceId" = ${workspaceId}`];
  if (input.workflowId) where.push(Prisma.sql`r."workflowId" = ${input.workflowId}`);
  if (input.status) where.push(Prisma.sql`r.status = ${input.status}::"RunStatus"`);
  if (input.trigger) where.push(Prisma.sql`r.trigger = ${input.trigger}::"TriggerType"`);
  if (input.from) where.push(Prisma.sql`r."createdAt" >= ${utc(input.from)}`);
  if (input.to) where.push(Prisma.sql`r."createdAt" < ${utc(input.to)}`);
  if (input.q) where.push(Prisma.sql`r.id = ${input.q}`);
  if (input.cursor) {
    // A cursor from another workspace (or a deleted run) matches nothing: an empty page.
    where.push(Prisma.sql`(r."createdAt", r.id) < (
      SELECT c."createdAt", c.id FROM "Run" c
      WHERE c.id = ${input.cursor} AND c."workspaceId" = ${workspaceId})`);
  }
  return Prisma.sql`
    SELECT r.id, r."workflowId", r.status::text AS status, r.trigger::text AS trigger,
           r."createdAt", r."startedAt", r."finishedAt", r."parentRunId", r."retryOfId",
           (SELECT w.name FROM "Workflow" w WHERE w.id = r."workflowId") AS "workflowName"
    FROM "Run" r
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY r."createdAt" DESC, r.id DESC
    LIMIT ${input.limit + 1}`;
}

/** A page of the workspace's runs and the cursor of the next one (null on the last). */
export async function listRuns(db: DbTx, actor: Actor, input: z.infer<typeof listRunsInput>) {
  requireRole(actor, 'viewer');
  await assertFilterIds(db, actor.workspaceId, { workflowId: input.workflowId });
  const rows = await db.$queryRaw<RunListItem[]>(listRunsQuery(actor.workspaceId, input));
  const more = rows.length > input.limit;
  const items = more ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: more ? items[items.length - 1]!.id : null };
}
