import { metrics } from './metrics';

/*
 * Counted when the runtime writes the change, inside its transaction: a transaction that
 * fails afterwards and is retried (rare: the database went away) counts its run again.
 * Counters are per process; Prometheus sums them over the processes it scrapes.
 */

export function countRunStarted(workflowId: string, trigger: string): void {
  metrics().runsStarted.inc({ workflow_id: workflowId, trigger });
}

export function countRunFinished(workflowId: string, status: string): void {
  metrics().runsFinished.inc({ workflow_id: workflowId, status });
}
