import type { RetryPolicy } from '../definition/workflow.schema';

/**
 * Share of an exponential delay that jitter may take off, so many runs failing together do
 * not retry in lockstep. Off the top only: maxDelayMs stays a hard ceiling.
 */
export const EXPONENTIAL_JITTER = 0.2;

/** Whether another attempt is due after `failedAttempt` (1-based) failed. */
export function shouldRetry(
  policy: RetryPolicy | undefined,
  failedAttempt: number,
  retryable: boolean | undefined,
): boolean {
  if (retryable === false || !policy) return false;
  return failedAttempt < policy.maxAttempts;
}

/**
 * Milliseconds to wait after `failedAttempt` (1-based) failed. Fixed backoff waits exactly
 * `initialDelayMs`; exponential doubles it per attempt, capped at `maxDelayMs`, minus up to
 * {@link EXPONENTIAL_JITTER} of it at random.
 */
export function retryDelay(
  policy: RetryPolicy,
  failedAttempt: number,
  random: () => number,
): number {
  const cap = policy.maxDelayMs ?? Number.POSITIVE_INFINITY;
  if (policy.backoff === 'fixed') return Math.min(policy.initialDelayMs, cap);
  // Exponent clamped: 2^1000 is Infinity and would hide the cap's intent in NaN maths.
  const exponent = Math.min(Math.max(failedAttempt - 1, 0), 52);
  const base = Math.min(policy.initialDelayMs * 2 ** exponent, cap);
  const jitter = 1 - EXPONENTIAL_JITTER * clamp01(random());
  return Math.round(base * jitter);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
