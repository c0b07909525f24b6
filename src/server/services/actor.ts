import type { Role } from '@/shared/roles';
import { hasRole } from '../auth/rbac';
import { AppError } from '../errors';

/** Who is acting, in which workspace, with which role: every service takes one. */
export interface Actor {
  userId: string;
  workspaceId: string;
  role: Role;
}

export function requireRole(actor: Actor, role: Role): void {
  if (!hasRole(actor.role, role)) {
    throw new AppError('FORBIDDEN', `This needs the ${role} role; your role here is ${actor.role}`);
  }
}
