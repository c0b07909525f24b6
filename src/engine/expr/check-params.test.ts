import { describe, expect, it } from 'vitest';
import { checkParamExpressions } from './check-params';

describe('checkParamExpressions', () => {
  it('finds bad templates anywhere and bad expression params', () => {
    const issues = checkParamExpressions(
      {
        url: 'https://x/{{ input.id }}',
        headers: { Authorization: 'Bearer {{ $secret("t" }}' },
        list: ['ok', '{{ unclosed'],
        expression: 'a +',
        code: '{{ not checked }}(',
      },
      { expression: 'expression', code: 'code' },
    );
    expect(issues.map((i) => i.path)).toEqual([
      ['headers', 'Authorization'],
      ['list', 1],
      ['expression'],
    ]);
    expect(issues[0]?.message).toMatch(/\$secret/);
  });

  it('accepts valid params', () => {
    expect(checkParamExpressions({ a: '{{ $sum([1,2]) }}', b: 1, c: null }, undefined)).toEqual([]);
  });
});
