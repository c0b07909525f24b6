import { metrics } from './metrics';

/*
 * Counted when the runtime writes the change, inside its transaction: a transaction that
 * fails afterwards and is retried (rare: the database went away) counts its run again.
 * Counters are per process; Prometheus sums them over the processes it scrapes.
 */

export function countRunStarted(workflowId: string, trigger: string): void {
  const m = metrics();
  m.runsStarted.inc({ trigger });
  m.workflowRunsStarted.inc({ workflow_id: workflowId, trigger });
}

export function countRunFinished(workflowId: string, status: string): void {
  const m = metrics();
  m.runsFinished.inc({ status });
  m.workflowRunsFinished.inc({ workflow_id: workflowId, status });
}
