import type { Role as DbRole } from '@/generated/prisma/enums';
import type { Role } from '@/shared/roles';

export { ROLES, hasRole, roleBelow } from '@/shared/roles';
export type { Role } from '@/shared/roles';

// The database enum and the shared list must never drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatch: Same<Role, DbRole> = true;
void rolesMatch;
