/** Which run changes a live view wants: none given means every run of the workspace. */
export interface RunEventFilter {
  /** Only this run and its child runs. */
  runId?: string;
  /** Only runs of this workflow. */
  workflowId?: string;
}

/** The parts of a run change a filter looks at. */
export interface FilterableRunEvent {
  runId: string;
  workflowId: string;
  parentRunId?: string | null;
}

export function matchesRunFilter(event: FilterableRunEvent, filter: RunEventFilter): boolean {
  if (filter.workflowId && event.workflowId !== filter.workflowId) return false;
  if (filter.runId && event.runId !== filter.runId && event.parentRunId !== filter.runId) {
    return false;
  }
  return true;
}
