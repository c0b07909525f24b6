import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks secrets anywhere, keys included, without touching the input', () => {
    const input = { header: 'Bearer s3cr3t', list: ['x s3cr3t y', 1, null], s3cr3t: true };
    expect(maskSecrets(input, ['s3cr3t'])).toEqual({
      header: 'Bearer ***',
      list: ['x *** y', 1, null],
      '***': true,
    });
    expect(input.header).toBe('Bearer s3cr3t');
  });

  it('masks the longest secret first and ignores empty ones', () => {
    expect(maskSecrets('abc-abcdef', ['abc', 'abcdef', ''])).toBe('***-***');
    expect(maskSecrets('keep', [''])).toBe('keep');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { s: 'pw' };
    a.self = a;
    expect(() => maskSecrets(a, ['pw'])).not.toThrow();
  });
});
