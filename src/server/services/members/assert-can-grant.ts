import type { Role } from '@/shared/roles';
import { hasRole } from '../../auth/rbac';
import { AppError } from '../../errors';
import type { Actor } from '../actor';

/** Nobody hands out more than they have; only an owner makes (or unmakes) owners. */
export function assertCanGrant(actor: Actor, role: Role, currentRole?: Role): void {
  if (!hasRole(actor.role, role) || (role === 'owner' && actor.role !== 'owner')) {
    throw new AppError('FORBIDDEN', `role: you cannot grant the ${role} role`);
  }
  if (currentRole === 'owner' && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can change an owner');
  }
}
