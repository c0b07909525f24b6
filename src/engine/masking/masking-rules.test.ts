import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../expr/mask-secrets';
import { compileMasking, customRuleProblem } from './masking-rules';
import { matchesPath, parsePathPattern } from './path-pattern';

describe('path rules', () => {
  it('parse names, * and ** and backticked names', () => {
    expect(parsePathPattern('**.password')).toEqual(['**', 'password']);
    expect(parsePathPattern('items.*.`card number`')).toEqual(['items', '*', 'card number']);
    expect(parsePathPattern('a..b')).toEqual({
      error: 'has "", which is not a field name, * or **',
    });
    expect(parsePathPattern('**')).toEqual({ error: 'must name at least one field' });
  });

  it('match field paths, ** at any depth', () => {
    const pattern = parsePathPattern('**.password') as string[];
    expect(matchesPath(pattern, ['password'])).toBe(true);
    expect(matchesPath(pattern, ['user', 'login', 'password'])).toBe(true);
    expect(matchesPath(pattern, ['password', 'hint'])).toBe(false);
    expect(matchesPath(parsePathPattern('a.*.c') as string[], ['a', 'b', 'c'])).toBe(true);
    expect(matchesPath(parsePathPattern('a.*.c') as string[], ['a', 'c'])).toBe(false);
  });

  it('mask a whole value, arrays being transparent', () => {
    const rules = compileMasking({
      builtins: [],
      custom: [{ name: 'pw', kind: 'path', expression: 'users.password' }],
    });
    const out = maskSecrets({ users: [{ password: { any: 'shape' } }, { name: 'x' }] }, [], {
      rules,
    });
    expect(out).toEqual({ users: [{ password: '••••[pw]' }, { name: 'x' }] });
  });
});

describe('custom rule checks', () => {
  it('refuse patterns that are invalid, catastrophic or match empty text', () => {
    expect(customRuleProblem('pattern', '(')).toMatch(/not a valid regular expression/);
    expect(customRuleProblem('pattern', '(a+)+$')).toMatch(/exponential time/);
    expect(customRuleProblem('pattern', 'x*')).toBe('matches empty text');
    expect(customRuleProblem('pattern', 'ORD-\\d{6}')).toBeUndefined();
    expect(customRuleProblem('path', '**.')).toBe('ends with a dot');
  });
});
