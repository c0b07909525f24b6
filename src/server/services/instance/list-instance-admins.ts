import type { DbTx } from '../../db';
import { requireInstanceAdmin } from './require-instance-admin';

/** Whether the signed-in user administers the installation (the admins' page is theirs). */
export async function instanceStatus(db: DbTx, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { instanceAdmin: true } });
  return { instanceAdmin: user?.instanceAdmin ?? false };
}

/** The installation's admins by email: instance admins only. */
export async function listInstanceAdmins(db: DbTx, userId: string) {
  await requireInstanceAdmin(db, userId);
  const admins = await db.user.findMany({
    where: { instanceAdmin: true },
    orderBy: { email: 'asc' },
    select: { id: true, email: true, name: true },
  });
  return admins.map((a) => ({ email: a.email, name: a.name, self: a.id === userId }));
}
