import { describe, expect, it } from 'vitest';
import {
  expressionFieldError,
  parseTemplate,
  stringifyForTemplate,
  unwrapExpression,
} from './template';

describe('parseTemplate', () => {
  it('treats text without templates as literal', () => {
    expect(parseTemplate('hello')).toEqual({ kind: 'literal', text: 'hello' });
  });

  it('recognises a lone template', () => {
    expect(parseTemplate('{{ input.items }}')).toEqual({ kind: 'single', expr: 'input.items' });
  });

  it('splits mixed text', () => {
    expect(parseTemplate('Hi {{ a }} and {{b}}!')).toEqual({
      kind: 'mixed',
      parts: [{ text: 'Hi ' }, { expr: 'a' }, { text: ' and ' }, { expr: 'b' }, { text: '!' }],
    });
  });

  it('keeps object constructors and strings with braces inside one template', () => {
    expect(parseTemplate('{{ {"a": {"b": 1}} }}')).toEqual({
      kind: 'single',
      expr: '{"a": {"b": 1}}',
    });
    expect(parseTemplate('{{ "}}" & x }}')).toEqual({ kind: 'single', expr: '"}}" & x' });
    expect(parseTemplate('{{ /* }} */ x }}')).toEqual({ kind: 'single', expr: '/* }} */ x' });
  });

  it('unescapes \\{{ into a literal', () => {
    expect(parseTemplate('\\{{ not }}')).toEqual({ kind: 'literal', text: '{{ not }}' });
  });

  it('rejects unclosed and empty templates with the text in the message', () => {
    expect(() => parseTemplate('Hi {{ name')).toThrow(/"Hi \{\{ name".*unclosed/);
    expect(() => parseTemplate('{{   }}')).toThrow(/empty/);
  });
});

describe('stringifyForTemplate', () => {
  it('renders values the way text expects', () => {
    expect(stringifyForTemplate(undefined)).toBe('');
    expect(stringifyForTemplate('x')).toBe('x');
    expect(stringifyForTemplate(3)).toBe('3');
    expect(stringifyForTemplate(null)).toBe('null');
    expect(stringifyForTemplate({ a: [1] })).toBe('{"a":[1]}');
  });
});

describe('unwrapExpression', () => {
  it('takes a bare expression or one wrapped in a single {{ }}', () => {
    expect(unwrapExpression('input.n > 5')).toBe('input.n > 5');
    expect(unwrapExpression('{{ input.n > 5 }}')).toBe('input.n > 5');
    expect(unwrapExpression(' {{input.n}} ')).toBe('input.n');
    expect(unwrapExpression('{{ {"a": {"b": 1}} }}')).toBe('{"a": {"b": 1}}');
  });

  it('keeps valid JSONata that holds "{{" itself', () => {
    const source = '$map(input, function($v){{"v": $v}})';
    expect(unwrapExpression(source)).toBe(source);
  });

  it('refuses templates mixed with text or with each other', () => {
    for (const text of ['{{a}} and {{b}}', 'input.n > {{ 5 }}', '{{ a }} b']) {
      expect(() => unwrapExpression(text), text).toThrow(/Not one expression/);
      expect(expressionFieldError(text)).toMatch(/^Not one expression: write it bare/);
    }
    expect(expressionFieldError('{{ input.n > }}')).toMatch(/failed/);
    expect(expressionFieldError('{{ input.n > 5 }}')).toBeUndefined();
  });
});
