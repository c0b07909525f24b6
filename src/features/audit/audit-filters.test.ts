import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, toQueryFilters } from './audit-filters';

describe('toQueryFilters', () => {
  it('drops empty fields and trims text', () => {
    expect(toQueryFilters(EMPTY_FILTERS)).toEqual({});
    expect(toQueryFilters({ ...EMPTY_FILTERS, action: ' member. ', actor: ' ' })).toEqual({
      action: 'member.',
    });
  });

  it('covers the whole of both days of the range', () => {
    const { from, to } = toQueryFilters({
      ...EMPTY_FILTERS,
      fromDate: '2026-12-01',
      toDate: '2026-12-01',
    });
    expect(new Date(to!).getTime() - new Date(from!).getTime()).toBe(24 * 3600 * 1000);
    expect(new Date(from!).getHours()).toBe(0);
  });
});
