/** What a chart point or table row stands for on the runs page. */
export interface RunsFilter {
  workflowId?: string;
  status?: string;
  from?: Date;
  to?: Date;
}

/** The runs page, filtered to the runs behind a chart point: /w/<slug>/runs?workflow=…&status=…&from=…&to=… */
export function runsHref(slug: string, filter: RunsFilter): string {
  const params = new URLSearchParams();
  if (filter.workflowId) params.set('workflow', filter.workflowId);
  if (filter.status) params.set('status', filter.status);
  if (filter.from) params.set('from', filter.from.toISOString());
  if (filter.to) params.set('to', filter.to.toISOString());
  const query = params.toString();
  return `/w/${slug}/runs${query ? `?${query}` : ''}`;
}
