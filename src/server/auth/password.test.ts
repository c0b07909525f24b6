import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hashingLoad, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse')).toBe(false);
    expect(await verifyPassword('not a hash', 'correct horse')).toBe(false);
  });

  it('leaves a core free: a burst of checks takes turns', async () => {
    const hash = await hashPassword('burst');
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hashingLoad().running)), 1);
    const checks = Array.from({ length: 12 }, () => verifyPassword(hash, 'guess'));
    expect(hashingLoad().waiting).toBeGreaterThan(0);
    expect(await Promise.all(checks)).toEqual(Array(12).fill(false));
    clearInterval(watch);
    expect(most).toBeLessThanOrEqual(Math.max(1, availableParallelism() - 1));
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
