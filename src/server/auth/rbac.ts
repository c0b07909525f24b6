import type { Role } from '@/generated/prisma/enums';

/** Highest first: each role can do everything the roles after it can. */
export const ROLES = ['owner', 'admin', 'editor', 'operator', 'viewer'] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { owner: 5, admin: 4, editor: 3, operator: 2, viewer: 1 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

/** The role just below `role`, or undefined for viewer (below it: not a member). */
export function roleBelow(role: Role): Role | undefined {
  const i = ROLES.indexOf(role);
  return ROLES[i + 1];
}
