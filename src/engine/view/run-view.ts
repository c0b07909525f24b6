import type { WorkflowDefinition } from '../definition/workflow.schema';
import type { NodeState, NodeStatus, RunState } from '../run/run-state';
import { previousOutput } from '../expr/previous-output';
import { predecessors } from '../graph/neighbors';
import { stepOutputs } from '../run/step-inputs';
import { toAttemptView, type StoredAttempt, type AttemptView } from './attempt-view';
import { timelineRow, type TimelineRow } from './timeline';

export interface RunViewInput {
  /** The version the run executes. */
  definition: WorkflowDefinition;
  /** The engine's state; null for a run stored before it had one (every step pending). */
  state: RunState | null;
  /** The run's attempt records, in any order. */
  attempts: readonly StoredAttempt[];
  /** Where open timeline bars end: when the data was read, or when the run finished. */
  now: number;
}

/** Where one step stands and what its attempts did. */
export interface NodeView {
  id: string;
  name: string;
  type: string;
  /** From the engine's state alone: a record never overrides it. */
  status: NodeStatus;
  /** Attempts started so far (the current one while it is in flight). */
  attempts: number;
  /** From the first attempt's start to the step's end. */
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  /** A durable delay resumes the step then. */
  waitingUntil?: number;
  /** The next attempt may start then (retry backoff). */
  retryAt?: number;
  /**
   * The data the step received: `prev` in its expressions, the output of the step before
   * (a join's outputs keyed by id). Absent for a step that has not run, or a trigger.
   */
  received?: unknown;
  /** The recorded attempts, oldest first. */
  history: AttemptView[];
}

export interface RunView {
  /** In the definition's order. */
  nodes: NodeView[];
  /** The Gantt chart: one row per step, in the definition's order. */
  timeline: TimelineRow[];
}

/**
 * What every view of a run shows, from the facts read in one snapshot: each step's status
 * from the state, its history from the attempt records, and the timeline drawn from both.
 */
export function runView({ definition, state, attempts, now }: RunViewInput): RunView {
  const states = new Map((state?.nodes ?? []).map((n) => [n.id, n]));
  const histories = new Map<string, AttemptView[]>();
  for (const record of attempts) {
    const list = histories.get(record.nodeId) ?? [];
    list.push(toAttemptView(record));
    histories.set(record.nodeId, list);
  }
  const outputs = state ? stepOutputs(state) : {};
  const nodes: NodeView[] = [];
  const timeline: TimelineRow[] = [];
  for (const node of definition.nodes) {
    const live = states.get(node.id);
    const history = (histories.get(node.id) ?? []).sort((a, b) => a.attempt - b.attempt);
    const received =
      live && live.attempts > 0 ? receivedBy(definition, node.id, outputs) : undefined;
    nodes.push({
      id: node.id,
      name: node.name ?? node.id,
      type: node.type,
      ...nodeStatus(live, history[0]?.startedAt),
      ...(received === undefined ? {} : { received }),
      history,
    });
    timeline.push(timelineRow(node.id, live, history, now));
  }
  return { nodes, timeline };
}

function receivedBy(
  definition: WorkflowDefinition,
  nodeId: string,
  outputs: Record<string, unknown>,
): unknown {
  const from: Record<string, unknown> = {};
  for (const id of predecessors(definition, nodeId)) if (id in outputs) from[id] = outputs[id];
  return previousOutput(from);
}

/**
 * Status from the state. The step's time runs from when its first attempt began executing
 * (a step that waited in the queue did not run meanwhile) to its end; the state's own
 * start, when it was scheduled, stands in until an attempt is recorded.
 */
function nodeStatus(node: NodeState | undefined, firstAttemptStart: number | undefined) {
  if (!node) return { status: 'pending' as const, attempts: 0 };
  const startedAt = firstAttemptStart ?? node.startedAt;
  const { finishedAt } = node;
  return {
    status: node.status,
    attempts: node.attempts,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(startedAt !== undefined && finishedAt !== undefined
      ? { durationMs: finishedAt - startedAt }
      : {}),
    ...(node.status === 'waiting' && node.delay ? { waitingUntil: node.delay.until } : {}),
    ...(node.status === 'scheduled' && node.attempts > 1 && node.notBefore !== undefined
      ? { retryAt: node.notBefore }
      : {}),
  };
}
