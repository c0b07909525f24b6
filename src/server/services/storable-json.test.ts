import { describe, expect, it } from 'vitest';
import { hasNul, storableJson } from './storable-json';

describe('storableJson', () => {
  it('refuses NUL characters anywhere, keys included, and accepts everything else', () => {
    expect(hasNul({ a: ['ok', { b: 'x\u0000y' }] })).toBe(true);
    expect(hasNul({ 'k\u0000': 1 })).toBe(true);
    expect(hasNul({ a: [1, null, true, 'fine'] })).toBe(false);
    const result = storableJson.safeParse({ text: '\u0000' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must not contain NUL characters (U+0000)');
  });
});
