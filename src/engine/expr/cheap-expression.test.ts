import { describe, expect, it } from 'vitest';
import { isCheapExpression } from './cheap-expression';

describe('isCheapExpression', () => {
  it('accepts literals, paths, filters, operators and constructors', () => {
    for (const source of [
      '42',
      '"text"',
      'true',
      'input.user.name',
      '$$.input.n',
      '$input.items[0]',
      'steps.fetch.body.items[status = "ok" and qty > 1]',
      'input.items[$ > 1]',
      'input.a = steps.b.c or vars.x != null',
      'input.n * 2 + 1',
      '-input.n',
      'input.kind in ["a", "b"]',
      'input.ok ? input.yes : input.no',
      '{ "i": 40, "n": $$.input.n }',
      '[input.a, input.b]',
      '(input.a; input.b)',
    ]) {
      expect(isCheapExpression(source), source).toBe(true);
    }
  });

  it('refuses anything that calls, loops, builds strings or matches patterns', () => {
    for (const source of [
      '$pad("", 200000000)',
      '$length(input.s)',
      'input.a & input.b',
      '[1..10000000]',
      'input.items.($ * 2)',
      'input.items^($)',
      'input{ a: b }',
      'input.*',
      'input.**',
      'input.items#$i',
      'input.items@$x',
      '($x := 1; $x)',
      'function($v) { $v }',
      '/a+/',
      'input.items[$$.input.items[$ = 1]]',
      'input.items[$input.n = $]',
      '(input.(',
    ]) {
      expect(isCheapExpression(source), source).toBe(false);
    }
  });

  it('refuses an expression that repeats its data more than a few times', () => {
    expect(isCheapExpression(`[${Array(8).fill('input').join(', ')}]`)).toBe(true);
    expect(isCheapExpression(`[${Array(9).fill('input').join(', ')}]`)).toBe(false);
  });
});
