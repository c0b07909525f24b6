import { describe, expect, it } from 'vitest';
import { countOf } from './count-of';

describe('countOf', () => {
  it('uses the singular for exactly one', () => {
    expect(countOf(1, 'version')).toBe('1 version');
    expect(countOf(0, 'version')).toBe('0 versions');
    expect(countOf(2, 'version')).toBe('2 versions');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });
});
