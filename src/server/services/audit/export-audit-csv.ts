import type { z } from 'zod';
import { toCsv } from '../../audit/audit-csv';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { auditEventsWhere, toAuditEventViews } from './audit-event-query';
import type { exportAuditCsvInput } from './audit-inputs';

export const AUDIT_EXPORT_LIMIT = 10_000;

const HEADER = [
  'id',
  'time',
  'actor',
  'actor_id',
  'action',
  'target_type',
  'target_id',
  'client_address',
  'details',
];

/** The workspace's events that match the filters, oldest first, as a CSV file. */
export async function exportAuditCsv(
  db: DbTx,
  actor: Actor,
  input: z.infer<typeof exportAuditCsvInput>,
): Promise<{ filename: string; csv: string; count: number }> {
  requireRole(actor, 'admin');
  const where = await auditEventsWhere(db, actor.workspaceId, input.filters);
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { id: 'asc' },
    take: AUDIT_EXPORT_LIMIT + 1,
  });
  if (rows.length > AUDIT_EXPORT_LIMIT) {
    throw new AppError(
      'BAD_REQUEST',
      `export: more than ${AUDIT_EXPORT_LIMIT} events match (the export limit); narrow the dates or filters`,
    );
  }
  const events = await toAuditEventViews(db, rows);
  const csv = toCsv([
    HEADER,
    ...events.map((e) => [
      e.id,
      e.at.toISOString(),
      e.actor?.email ?? null,
      e.actor?.id ?? null,
      e.action,
      e.targetType,
      e.targetId,
      e.ip,
      JSON.stringify(e.data),
    ]),
  ]);
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: { slug: true },
  });
  return { filename: `audit-${workspace.slug}.csv`, csv, count: events.length };
}
