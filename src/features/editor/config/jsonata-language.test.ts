import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { jsonataToken, type JsonataState } from './jsonata-language';

function tokens(line: string, template = false): [string, string | null][] {
  const state: JsonataState = { template, inExpression: false, inComment: false };
  const stream = new StringStream(line, 2, 2);
  const out: [string, string | null][] = [];
  while (!stream.eol()) {
    stream.start = stream.pos;
    const style = jsonataToken(stream, state);
    if (stream.current().trim() !== '') out.push([stream.current(), style]);
  }
  return out;
}

describe('jsonataToken', () => {
  it('tells paths, operators, literals, functions and keywords apart', () => {
    expect(tokens(`input.amount > 1000 and $exists(vars.x) = true`)).toEqual([
      ['input', 'variableName'],
      ['.', 'operator'],
      ['amount', 'variableName'],
      ['>', 'operator'],
      ['1000', 'number'],
      ['and', 'keyword'],
      ['$exists', 'variableName.special'],
      ['(', 'bracket'],
      ['vars', 'variableName'],
      ['.', 'operator'],
      ['x', 'variableName'],
      [')', 'bracket'],
      ['=', 'operator'],
      ['true', 'atom'],
    ]);
  });

  it('reads strings with escapes, quoted names and comments', () => {
    expect(tokens(`"a \\" b" & 'c' /* note */ \`odd name\``)).toEqual([
      ['"a \\" b"', 'string'],
      ['&', 'operator'],
      ["'c'", 'string'],
      ['/* note */', 'comment'],
      ['`odd name`', 'propertyName'],
    ]);
  });

  it('highlights only the {{ }} parts of a template', () => {
    expect(tokens('Order {{ input.id }} ok', true)).toEqual([
      ['Order ', 'string.special'],
      ['{{', 'meta'],
      ['input', 'variableName'],
      ['.', 'operator'],
      ['id', 'variableName'],
      ['}}', 'meta'],
      [' ok', 'string.special'],
    ]);
  });
});
