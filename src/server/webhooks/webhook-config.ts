import { processEnv } from '../env';

export interface WebhookLimits {
  /** How long a synchronous webhook waits for its run before answering 202. */
  waitMs: number;
  /** Largest request body accepted, in bytes. */
  maxBytes: number;
  /** Requests of one workspace waiting for their runs at once; the others answer 202 at once. */
  maxWaiting: number;
}

/** MINIFLOW_WEBHOOK_WAIT_MS, _MAX_BYTES and _MAX_WAITING, validated with the environment. */
export function webhookLimits(): WebhookLimits {
  const config = processEnv();
  return {
    waitMs: config.MINIFLOW_WEBHOOK_WAIT_MS,
    maxBytes: config.MINIFLOW_WEBHOOK_MAX_BYTES,
    maxWaiting: config.MINIFLOW_WEBHOOK_MAX_WAITING,
  };
}
