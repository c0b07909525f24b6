import { describe, expect, it } from 'vitest';
import { displayPrefix, generateKey, isWellFormedKey, KEY_PATTERN } from './key-format';

describe('API key format', () => {
  it('is mf_ with 38 base62 characters whose last six check the rest', () => {
    const keys = Array.from({ length: 200 }, generateKey);
    for (const key of keys) {
      expect(key).toMatch(KEY_PATTERN);
      expect(key).toHaveLength(41);
      expect(isWellFormedKey(key)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses a key with one character changed, a wrong prefix or a wrong length', () => {
    const key = generateKey();
    const at = 10;
    const swapped = key.slice(0, at) + (key[at] === 'a' ? 'b' : 'a') + key.slice(at + 1);
    expect(isWellFormedKey(swapped)).toBe(false);
    expect(isWellFormedKey(`xx_${key.slice(3)}`)).toBe(false);
    expect(isWellFormedKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedKey(`${key}0`)).toBe(false);
    expect(isWellFormedKey('')).toBe(false);
  });

  it('shows only mf_ and the first 8 random characters', () => {
    const key = generateKey();
    expect(displayPrefix(key)).toBe(key.slice(0, 11));
  });
});
