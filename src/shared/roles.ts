/**
 * Roles, highest first: each can do everything the roles after it can. Shared by the
 * server (authorization) and the UI (which controls to show); the server is the authority.
 */
export const ROLES = ['owner', 'admin', 'editor', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { owner: 5, admin: 4, editor: 3, operator: 2, viewer: 1 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

/** The role just below `role`; undefined for viewer (below it: not a member at all). */
export function roleBelow(role: Role): Role | undefined {
  return ROLES[ROLES.indexOf(role) + 1];
}
