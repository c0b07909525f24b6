import type { DbTx } from '../../db';
import { AppError } from '../../errors';

/** Quotas and instance admins are the installation's, not a workspace's: only its admins. */
export async function requireInstanceAdmin(db: DbTx, userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { instanceAdmin: true } });
  if (!user?.instanceAdmin) {
    throw new AppError('FORBIDDEN', 'This needs an instance admin of this MiniFlow installation');
  }
}
