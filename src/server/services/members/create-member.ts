import type { z } from 'zod';
import { recordAudit } from '../../audit/record-audit';
import { hashPassword } from '../../auth/password';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { assertCanGrant } from './assert-can-grant';
import type { createMemberInput } from './member-inputs';

/**
 * Adds a member. A new email gets an account with the given password; an existing
 * account (from another workspace) is added with its own password.
 */
export async function createMember(db: Db, actor: Actor, input: z.infer<typeof createMemberInput>) {
  requireRole(actor, 'admin');
  assertCanGrant(actor, input.role);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!user) {
      if (!passwordHash) throw new AppError('BAD_REQUEST', 'password: required for a new account');
      user = await tx.user.create({
        data: { email: input.email, name: input.name ?? null, passwordHash },
        select: { id: true },
      });
    }
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId: user.id } },
    });
    if (existing) throw new AppError('CONFLICT', `email: ${input.email} is already a member`);
    const membership = await tx.membership.create({
      data: { workspaceId: actor.workspaceId, userId: user.id, role: input.role },
      select: { id: true, role: true },
    });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: 'member.added',
      targetType: 'membership',
      targetId: membership.id,
      data: { email: input.email, role: input.role },
    });
    return membership;
  });
}
