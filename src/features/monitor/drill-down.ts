import type { RunStatusFilter } from '@/shared/run-filters';
import { filtersToParams } from '../runs/run-filters';

/** What a chart point or table row stands for on the runs page. */
export interface RunsFilter {
  workflowId?: string;
  status?: RunStatusFilter;
  from?: Date;
  to?: Date;
}

/** The runs page, filtered to the runs behind a chart point: /w/<slug>/runs?workflow=…&status=…&from=…&to=… */
export function runsHref(slug: string, filter: RunsFilter): string {
  const query = filtersToParams({
    workflow: filter.workflowId,
    status: filter.status,
    from: filter.from?.toISOString(),
    to: filter.to?.toISOString(),
  }).toString();
  return `/w/${slug}/runs${query ? `?${query}` : ''}`;
}
