import type { Db } from '../../db';

export async function listUserWorkspaces(db: Db, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((r) => ({ ...r.workspace, role: r.role }));
}
