import { z } from 'zod';
import { ROLES } from '../../auth/rbac';

export const roleInput = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const updateMemberRoleInput = z.object({
  membershipId: z.string().min(1, 'must not be empty').max(64),
  role: roleInput,
});

export const removeMemberInput = z.object({
  membershipId: z.string().min(1, 'must not be empty').max(64),
});
