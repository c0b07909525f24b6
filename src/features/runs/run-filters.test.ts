import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersToParams, listInputFor } from './run-filters';

describe('run filters in the URL', () => {
  it('round-trip through search params', () => {
    const url =
      'workflow=wf1&status=failed&trigger=cron&from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-02T00%3A00%3A00.000Z&q=run1';
    const filters = filtersFromParams(new URLSearchParams(url));
    expect(filters).toEqual({
      workflow: 'wf1',
      status: 'failed',
      trigger: 'cron',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-01-02T00:00:00.000Z',
      q: 'run1',
    });
    expect(filtersToParams(filters).toString()).toBe(url);
  });

  it('ignore values that are not valid instead of failing the page', () => {
    const filters = filtersFromParams(
      new URLSearchParams('status=done&trigger=&from=yesterday&to=2026-01-01T00:00:00Z&q=%20'),
    );
    expect(filters).toEqual({ to: '2026-01-01T00:00:00.000Z' });
    const reversed = filtersFromParams(
      new URLSearchParams('from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z'),
    );
    expect(reversed).toEqual({ from: '2026-01-02T00:00:00.000Z' });
  });

  it('become the list input', () => {
    expect(listInputFor({ workflow: 'wf1', status: 'running' }, 'c1', 50)).toEqual({
      workflowId: 'wf1',
      status: 'running',
      cursor: 'c1',
      limit: 50,
    });
  });
});
