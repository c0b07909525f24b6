import { z } from 'zod';
import { roleInput } from '../members/member-inputs';

export const INVITATION_DAYS_DEFAULT = 7;
export const INVITATION_DAYS_MAX = 30;

export const createInvitationInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'must be an email address' })),
  role: roleInput,
  expiresInDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(INVITATION_DAYS_MAX, `must be at most ${INVITATION_DAYS_MAX} days`)
    .default(INVITATION_DAYS_DEFAULT),
});

export const revokeInvitationInput = z.object({
  invitationId: z.string().min(1, 'must not be empty').max(64, 'is not an id'),
});

export const invitationTokenInput = z.object({
  token: z.string().min(20, 'is not an invitation token').max(100, 'is not an invitation token'),
});

export const newPasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

export const acceptWithPasswordInput = invitationTokenInput.extend({
  name: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  password: newPasswordSchema,
});
