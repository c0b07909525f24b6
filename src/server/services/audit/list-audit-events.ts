import type { z } from 'zod';
import type { DbTx } from '../../db';
import { notFound } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { auditEventsWhere, toAuditEventViews } from './audit-event-query';
import type { listAuditEventsInput } from './audit-inputs';

/**
 * A page of the workspace's audit events, newest first, keyset-paginated on the id (the
 * index on (workspaceId, id DESC) serves every page), and the cursor of the next page.
 */
export async function listAuditEvents(
  db: DbTx,
  actor: Actor,
  input: z.infer<typeof listAuditEventsInput>,
) {
  requireRole(actor, 'admin');
  const cursor = input.cursor === undefined ? undefined : BigInt(input.cursor);
  if (cursor !== undefined) {
    const known = await db.auditEvent.findFirst({
      where: { id: cursor, workspaceId: actor.workspaceId },
      select: { id: true },
    });
    if (!known) throw notFound('cursor: audit event');
  }
  const where = await auditEventsWhere(db, actor.workspaceId, input.filters);
  const rows = await db.auditEvent.findMany({
    where: cursor === undefined ? where : { AND: [where, { id: { lt: cursor } }] },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
  });
  const more = rows.length > input.limit;
  const page = more ? rows.slice(0, input.limit) : rows;
  return {
    events: await toAuditEventViews(db, page),
    nextCursor: more ? page.at(-1)!.id.toString() : null,
  };
}
