import { describe, expect, it } from 'vitest';
import { retryDelay, shouldRetry } from './retry-policy';

describe('retryDelay', () => {
  it('waits the same for fixed backoff, whatever the randomness', () => {
    const policy = { maxAttempts: 5, backoff: 'fixed', initialDelayMs: 250 } as const;
    expect([1, 2, 3].map((n) => retryDelay(policy, n, () => 0.9))).toEqual([250, 250, 250]);
    expect(retryDelay({ ...policy, maxDelayMs: 100 }, 1, () => 0)).toBe(100);
  });

  it('doubles for exponential backoff, without jitter at random 0', () => {
    const policy = { maxAttempts: 10, backoff: 'exponential', initialDelayMs: 100 } as const;
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n, () => 0))).toEqual([100, 200, 400, 800]);
  });

  it('caps at maxDelayMs', () => {
    const policy = {
      maxAttempts: 10,
      backoff: 'exponential',
      initialDelayMs: 100,
      maxDelayMs: 300,
    } as const;
    expect([1, 2, 3, 9].map((n) => retryDelay(policy, n, () => 0))).toEqual([100, 200, 300, 300]);
    expect(retryDelay(policy, 60, () => 0)).toBe(300);
  });

  it('takes up to 20% off with jitter, never exceeding the cap', () => {
    const policy = {
      maxAttempts: 10,
      backoff: 'exponential',
      initialDelayMs: 1000,
      maxDelayMs: 1500,
    } as const;
    expect(retryDelay(policy, 1, () => 0.5)).toBe(900);
    expect(retryDelay(policy, 1, () => 0.999999)).toBe(800);
    expect(retryDelay(policy, 3, () => 0.5)).toBe(1350);
    for (let i = 0; i < 100; i++) {
      const d = retryDelay(policy, 5, () => i / 100);
      expect(d).toBeGreaterThanOrEqual(1200);
      expect(d).toBeLessThanOrEqual(1500);
    }
  });

  it('survives a broken random source', () => {
    const policy = { maxAttempts: 3, backoff: 'exponential', initialDelayMs: 100 } as const;
    expect(retryDelay(policy, 1, () => Number.NaN)).toBe(100);
    expect(retryDelay(policy, 1, () => 7)).toBe(80);
  });
});

describe('shouldRetry', () => {
  const policy = { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 0 } as const;
  it('retries until maxAttempts', () => {
    expect(shouldRetry(policy, 1, undefined)).toBe(true);
    expect(shouldRetry(policy, 2, true)).toBe(true);
    expect(shouldRetry(policy, 3, true)).toBe(false);
  });
  it('never retries without a policy or a retryable error', () => {
    expect(shouldRetry(undefined, 1, true)).toBe(false);
    expect(shouldRetry(policy, 1, false)).toBe(false);
  });
});
