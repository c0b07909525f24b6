import { z } from 'zod';
import { ROLES } from '@/shared/roles';

const keyRoles = ROLES.filter((role) => role !== 'owner') as [
  'admin',
  'editor',
  'operator',
  'viewer',
];

export const apiKeyRole = z.enum(keyRoles, { error: 'must be admin, editor, operator or viewer' });

export const apiKeyName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

export const createApiKeyInput = z.object({
  name: apiKeyName,
  role: apiKeyRole,
  /** Days until the key stops working; absent: it never expires. */
  expiresInDays: z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days')
    .optional(),
});

export const revokeApiKeyInput = z.object({
  id: z.string().min(1, 'must not be empty').max(64, 'is not an API key id'),
});
