import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../auth/password';
import type { Db } from '../db';

export interface BootstrapResult {
  created: boolean;
  email?: string;
  /** Only when it was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * On the first start (no users yet) creates the owner account and a default workspace.
 * Credentials come from MINIFLOW_ADMIN_EMAIL / MINIFLOW_ADMIN_PASSWORD, else a password
 * is generated and returned to be printed once.
 */
export async function bootstrapOwner(
  db: Db,
  options: { email?: string; password?: string },
): Promise<BootstrapResult> {
  if ((await db.user.count()) > 0) return { created: false };
  const email = (options.email ?? 'admin@miniflow.local').trim().toLowerCase();
  const generatedPassword = options.password ? undefined : randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(options.password ?? generatedPassword!);
  return db.$transaction(async (tx) => {
    // Another process may have bootstrapped in the meantime: re-check under a lock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('miniflow:bootstrap'))`;
    if ((await tx.user.count()) > 0) return { created: false };
    // The installation's first owner is its first instance admin (quotas, other admins).
    const user = await tx.user.create({
      data: { email, name: 'Owner', passwordHash, instanceAdmin: true },
    });
    const workspace = await tx.workspace.create({ data: { slug: 'default', name: 'Default' } });
    await tx.membership.create({
      data: { workspaceId: workspace.id, userId: user.id, role: 'owner' },
    });
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: user.id,
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace.id,
      data: { owner: email },
    });
    return { created: true, email, generatedPassword };
  });
}
