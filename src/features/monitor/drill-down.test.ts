import { describe, expect, it } from 'vitest';
import { runsHref } from './drill-down';

describe('runsHref', () => {
  it('names the workflow, status and time range of a chart point', () => {
    expect(
      runsHref('acme', {
        workflowId: 'wf1',
        status: 'failed',
        from: new Date('2026-11-22T10:00:00Z'),
        to: new Date('2026-11-22T11:00:00Z'),
      }),
    ).toBe(
      '/w/acme/runs?workflow=wf1&status=failed&from=2026-11-22T10%3A00%3A00.000Z&to=2026-11-22T11%3A00%3A00.000Z',
    );
  });

  it('leaves out what the point does not fix', () => {
    expect(runsHref('acme', {})).toBe('/w/acme/runs');
    expect(runsHref('acme', { status: 'running' })).toBe('/w/acme/runs?status=running');
  });
});
