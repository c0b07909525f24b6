import { z } from 'zod';

const schema = z.object({
  MINIFLOW_WEBHOOK_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  MINIFLOW_WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
});

export interface WebhookLimits {
  /** How long a synchronous webhook waits for its run before answering 202. */
  waitMs: number;
  /** Largest request body accepted, in bytes. */
  maxBytes: number;
}

/**
 * Read per request (a few object lookups) so a changed environment takes effect without a
 * module cache to reset; a malformed value fails loudly with its name.
 */
export function webhookLimits(
  env: Record<string, string | undefined> = process.env,
): WebhookLimits {
  const parsed = schema.safeParse({
    MINIFLOW_WEBHOOK_WAIT_MS: env.MINIFLOW_WEBHOOK_WAIT_MS || undefined,
    MINIFLOW_WEBHOOK_MAX_BYTES: env.MINIFLOW_WEBHOOK_MAX_BYTES || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid webhook environment: ${problems.join('; ')}`);
  }
  return {
    waitMs: parsed.data.MINIFLOW_WEBHOOK_WAIT_MS,
    maxBytes: parsed.data.MINIFLOW_WEBHOOK_MAX_BYTES,
  };
}
