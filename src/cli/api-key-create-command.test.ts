import { describe, expect, it } from 'vitest';
import { parseExpiresIn } from './api-key-create-command';

describe('--expires-in', () => {
  const now = Date.UTC(2026, 0, 1);

  it('takes hours or days', () => {
    expect(parseExpiresIn('12h', now).getTime()).toBe(now + 12 * 3_600_000);
    expect(parseExpiresIn('30d', now).getTime()).toBe(now + 30 * 86_400_000);
  });

  it.each(['', '30', '1w', '-1d', '0d', '3651d', 'soon'])(
    'refuses %j naming the option',
    (value) => {
      expect(() => parseExpiresIn(value, now)).toThrow(/^--expires-in: /);
    },
  );
});
