import { z } from 'zod';
import { newPasswordSchema } from '../invitations/invitation-inputs';

export const changePasswordInput = z.object({
  currentPassword: z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters'),
  newPassword: newPasswordSchema,
});
