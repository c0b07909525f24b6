import { randomBytes } from 'node:crypto';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { db } from '@/server/db';
import type { Role } from '@/shared/roles';

const unique = () => randomBytes(4).toString('hex');

export async function createWorkspace(slug = `ws-${unique()}`) {
  return db.workspace.create({ data: { slug, name: slug } });
}

export async function createUser(email = `user-${unique()}@example.com`) {
  return db.user.create({ data: { email, name: email.split('@')[0] } });
}

/** A user who is a member of `workspaceId` with `role`. */
export async function createMember(workspaceId: string, role: Role) {
  const user = await createUser(`${role}-${unique()}@example.com`);
  await db.membership.create({ data: { workspaceId, userId: user.id, role } });
  return user;
}

export function callerFor(userId: string | null, workspaceSlug: string | null) {
  return createCaller(createContext({ userId, workspaceSlug }));
}
