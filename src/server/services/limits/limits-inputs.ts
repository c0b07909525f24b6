import { z } from 'zod';

const rateLimit = z
  .strictObject({
    perSecond: z.number().positive('must be more than 0').max(100_000),
    burst: z.number().int().min(1, 'must be at least 1').max(100_000),
  })
  .nullable();

export const setLimitsInput = z.object({
  /** Each webhook's limit unless its trigger sets one; null: none. */
  hookRateLimit: rateLimit,
  /** All webhooks of the workspace together; null: none. */
  allHooksRateLimit: rateLimit,
  retentionDays: z.number().int().min(1, 'must be at least 1 day').max(3650),
});
