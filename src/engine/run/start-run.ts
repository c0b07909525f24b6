import type { WorkflowDefinition } from '../definition/workflow.schema';
import { indexGraph } from '../graph/indexed-graph';
import type { NodeState, RunState } from './run-state';

export interface StartRunOptions {
  workflow: WorkflowDefinition;
  runId: string;
  workflowId: string;
  /** When the run is created (queued); `runStarted` records when it starts. */
  now: number;
  attempt?: number;
  /** Override the workflow's own vars, key by key. */
  vars?: Record<string, unknown>;
  /** Fails the run when it has not finished this long after it started. */
  timeoutMs?: number;
}

/** A queued run: every node pending. `advance` with `runStarted` sets it going. */
export function startRun(options: StartRunOptions): RunState {
  const graph = indexGraph(options.workflow);
  const nodes: NodeState[] = graph.nodes.map((node, i) => ({
    id: node.id,
    status: 'pending',
    attempts: 0,
    unresolved: graph.incoming[i]?.length ?? 0,
    live: 0,
  }));
  const state: RunState = {
    runId: options.runId,
    workflowId: options.workflowId,
    attempt: options.attempt ?? 1,
    status: 'queued',
    input: undefined,
    vars: { ...options.workflow.vars, ...options.vars },
    nodes,
    counts: { open: nodes.length, active: 0, waiting: 0 },
    createdAt: options.now,
  };
  if (options.timeoutMs !== undefined) state.timeoutMs = options.timeoutMs;
  return state;
}
