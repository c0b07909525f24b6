import { describe, expect, it } from 'vitest';
import { fromRows, toRows } from './key-value-rows';

describe('key/value rows', () => {
  it('round-trips records and pair lists', () => {
    const record = { Accept: 'application/json', 'X-Id': '{{ input.id }}' };
    expect(fromRows(toRows(record), 'record')).toEqual({ value: record });
    const pairs = [{ key: 'a', value: '1' }];
    expect(fromRows(toRows(pairs), 'pairs')).toEqual({ value: pairs });
    expect(toRows(undefined)).toEqual([]);
  });

  it('shows non-string record values as JSON text', () => {
    expect(toRows({ n: 1 })).toEqual([{ key: 'n', value: '1' }]);
  });

  it('reports empty and duplicate names in a record', () => {
    expect(fromRows([{ key: '', value: 'x' }], 'record').error).toMatch(/Row 1/);
    const twice = fromRows(
      [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
      'record',
    );
    expect(twice.error).toMatch(/"a" appears twice/);
  });
});
