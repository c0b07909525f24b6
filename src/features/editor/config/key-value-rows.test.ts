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

  it('keeps non-string values of a record as JSON, so other edits do not turn them into text', () => {
    const record = { n: 1, list: [1, 2], name: 'x' };
    const rows = toRows(record);
    expect(rows[0]).toEqual({ key: 'n', value: '1', json: true });
    const edited = rows.with(2, { key: 'name', value: 'y' });
    expect(fromRows(edited, 'record')).toEqual({ value: { n: 1, list: [1, 2], name: 'y' } });
    const broken = rows.with(0, { key: 'n', value: '1,', json: true });
    expect(fromRows(broken, 'record').error).toMatch(/"n": the value is not valid JSON/);
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
