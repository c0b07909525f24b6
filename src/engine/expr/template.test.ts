import { describe, expect, it } from 'vitest';
import { parseTemplate, stringifyForTemplate } from './template';

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
