import { processEnv } from '../env';

export interface WebhookLimits {
  /** How long a synchronous webhook waits for its run before answering 202. */
  waitMs: number;
  /** Largest request body accepted, in bytes. */
  maxBytes: number;
}

/** MINIFLOW_WEBHOOK_WAIT_MS and MINIFLOW_WEBHOOK_MAX_BYTES, validated with the environment. */
export function webhookLimits(): WebhookLimits {
  const config = processEnv();
  return { waitMs: config.MINIFLOW_WEBHOOK_WAIT_MS, maxBytes: config.MINIFLOW_WEBHOOK_MAX_BYTES };
}
