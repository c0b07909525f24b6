import type { Prisma } from '@/generated/prisma/client';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';
import type { AuditFilters } from './audit-inputs';

/** How many accounts an actor filter may match (their ids become one query parameter list). */
const ACTOR_MATCH_LIMIT = 1_000;

export interface AuditEventView {
  id: string;
  at: Date;
  actor: { id: string; email: string | null } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  data: unknown;
}

/** The condition for the workspace's events that match the filters. */
export async function auditEventsWhere(
  db: DbTx,
  workspaceId: string,
  filters: AuditFilters,
): Promise<Prisma.AuditEventWhereInput> {
  const where: Prisma.AuditEventWhereInput[] = [{ workspaceId }];
  if (filters.action) where.push({ action: { startsWith: filters.action } });
  if (filters.target) {
    where.push({ OR: [{ targetId: filters.target }, { targetType: filters.target }] });
  }
  if (filters.from) where.push({ createdAt: { gte: new Date(filters.from) } });
  if (filters.to) where.push({ createdAt: { lt: new Date(filters.to) } });
  if (filters.actor) {
    const users = await db.user.findMany({
      where: { email: { contains: filters.actor, mode: 'insensitive' } },
      select: { id: true },
      take: ACTOR_MATCH_LIMIT + 1,
    });
    if (users.length > ACTOR_MATCH_LIMIT) {
      throw new AppError(
        'BAD_REQUEST',
        `actor: matches more than ${ACTOR_MATCH_LIMIT} accounts; type more of the email`,
      );
    }
    where.push({ actorId: { in: users.map((u) => u.id) } });
  }
  return { AND: where };
}

/** Events as the page and the export show them: actors with their email, ids as strings. */
export async function toAuditEventViews(
  db: DbTx,
  rows: Array<{
    id: bigint;
    createdAt: Date;
    actorId: string | null;
    action: string;
    targetType: string;
    targetId: string | null;
    ip: string | null;
    data: unknown;
  }>,
): Promise<AuditEventView[]> {
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const users = await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, email: true },
  });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.createdAt,
    // A deleted user's events keep their id.
    actor: r.actorId ? { id: r.actorId, email: emails.get(r.actorId) ?? null } : null,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    ip: r.ip,
    data: r.data,
  }));
}
