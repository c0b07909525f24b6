import { describe, expect, it } from 'vitest';
import { firesMoreThanOncePerMinute } from './cron-period';

describe('firesMoreThanOncePerMinute', () => {
  it.each([
    ['*/30 * * * * *', true],
    ['* * * * * *', true],
    ['0,30 0 9 * * *', true],
    ['10-11 * * * * *', true],
    ['* * * * *', false],
    ['0 * * * * *', false],
    ['15 */5 * * * *', false],
    ['0 9 * * 1-5', false],
  ])('%s: %s', (expression, fast) => {
    expect(firesMoreThanOncePerMinute(expression)).toBe(fast);
  });
});
