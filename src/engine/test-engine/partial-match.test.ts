import { describe, expect, it } from 'vitest';
import { partialMatch } from './partial-match';

describe('partialMatch', () => {
  it('matches an object on the keys it names, ignoring extra actual keys', () => {
    expect(partialMatch({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x', d: 2 }, e: 3 })).toBe(
      undefined,
    );
  });

  it('names the path, expected and actual of the first difference', () => {
    expect(partialMatch({ order: { total: 42 } }, { order: { total: 41 } })).toEqual({
      path: 'order.total',
      expected: 42,
      actual: 41,
      message: 'not equal',
    });
  });

  it('reports a missing key as missing', () => {
    expect(partialMatch({ a: { b: 1 } }, { a: {} })).toMatchObject({
      path: 'a.b',
      message: 'missing',
      actual: undefined,
    });
  });

  it('matches arrays element by element, with the same length', () => {
    expect(partialMatch([{ id: 1 }, { id: 2 }], [{ id: 1, x: 0 }, { id: 2 }])).toBe(undefined);
    expect(partialMatch([{ id: 1 }], [{ id: 1 }, { id: 2 }])).toMatchObject({
      path: '',
      message: 'expected 1 items, got 2',
    });
    expect(partialMatch({ items: [1, 2] }, { items: [1, 3] })).toMatchObject({
      path: 'items[1]',
      expected: 2,
      actual: 3,
    });
  });

  it('needs equal scalars, of the same type', () => {
    expect(partialMatch('1', 1)).toMatchObject({ message: 'not equal' });
    expect(partialMatch(null, undefined)).toMatchObject({ message: 'not equal' });
    expect(partialMatch(null, null)).toBe(undefined);
    expect(partialMatch({}, [])).toMatchObject({ message: 'expected an object' });
    expect(partialMatch([], {})).toMatchObject({ message: 'expected an array' });
  });

  it('quotes keys that are not identifiers in the path', () => {
    expect(partialMatch({ 'a-b': 1 }, { 'a-b': 2 })?.path).toBe('["a-b"]');
  });
});
