import { z } from 'zod';
import { ROLES } from '../../auth/rbac';

export const roleInput = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const createMemberInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'must be an email address' })),
  name: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  password: z
    .string()
    .min(10, 'must be at least 10 characters')
    .max(200, 'must be at most 200 characters')
    .optional(),
  role: roleInput,
});

export const updateMemberRoleInput = z.object({
  membershipId: z.string().min(1, 'must not be empty').max(64),
  role: roleInput,
});

export const removeMemberInput = z.object({
  membershipId: z.string().min(1, 'must not be empty').max(64),
});
