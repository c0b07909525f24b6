import { z } from 'zod';

const quota = z.number().int().min(0).max(2_000_000_000).nullable();

export const setQuotasInput = z.object({
  workspaceId: z.string().min(1).max(100),
  /** null: the environment's default; omitted (the quotas below): unchanged. */
  runsPerMonth: quota,
  activeRuns: quota,
  storedBytes: z.number().int().min(0).max(1e15).nullable().optional(),
  workflows: quota.optional(),
  fastSchedules: quota.optional(),
});

export const setInstanceAdminInput = z.object({
  email: z.email({ error: 'must be an email address' }),
  admin: z.boolean(),
});
