import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import type { Db } from '../../db';
import { AppError, notFound } from '../../errors';
import type { setInstanceAdminInput } from './instance-inputs';
import { requireInstanceAdmin } from './require-instance-admin';

/** An instance admin names another (or takes the role back); the last one cannot leave. */
export async function setInstanceAdmin(
  db: Db,
  userId: string,
  input: z.infer<typeof setInstanceAdminInput>,
) {
  return db.$transaction(async (tx) => {
    await requireInstanceAdmin(tx, userId);
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!user) throw notFound('User');
    if (!input.admin) {
      const others = await tx.user.count({ where: { instanceAdmin: true, id: { not: user.id } } });
      if (others === 0)
        throw new AppError('CONFLICT', 'admin: the last instance admin must stay one');
    }
    await tx.user.update({ where: { id: user.id }, data: { instanceAdmin: input.admin } });
    await recordAudit(tx, {
      workspaceId: null,
      actorId: userId,
      action: input.admin ? 'instance.admin_granted' : 'instance.admin_revoked',
      targetType: 'user',
      targetId: user.id,
    });
    return { email: input.email, admin: input.admin };
  });
}
