/**
 * The run's persisted state and the two status machines inside it. State is plain JSON, so
 * the runtime can store it as is; `nodes` lines up with `definition.nodes` by position.
 */

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

export type NodeStatus =
  | 'pending'
  | 'scheduled'
  | 'running'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled';

export interface StepErrorInfo {
  message: string;
  /** false: no further attempts, whatever the retry policy says. */
  retryable?: boolean;
  details?: unknown;
}

export interface RunError {
  message: string;
  /** The step whose failure failed the run, if one did. */
  nodeId?: string;
}

/** Progress of a `children` suspension (for-each, sub-workflow). */
export interface ChildrenProgress {
  workflowId: string;
  items: unknown[];
  concurrency: number;
  collect: 'array' | 'single';
  /** Next item index to start. */
  next: number;
  running: number;
  done: number;
  /** By item index; `finished[i]` tells a real `undefined` output from a missing one. */
  outputs: unknown[];
  finished: boolean[];
}

export interface NodeState {
  id: string;
  status: NodeStatus;
  /** Attempts started so far; the current attempt while the step is in flight. */
  attempts: number;
  output?: unknown;
  /** The last error (kept when a retry or onError 'continue' carried on). */
  error?: StepErrorInfo;
  /** Port taken when the step finished; its other ports' edges are dead. */
  port?: string;
  startedAt?: number;
  finishedAt?: number;
  /** Earliest time the current attempt may start (retry backoff). */
  notBefore?: number;
  /** Incoming edges whose source has not finished yet. */
  unresolved: number;
  /** Incoming edges whose source finished through the edge's port. */
  live: number;
  delay?: { until: number; output?: unknown };
  children?: ChildrenProgress;
}

export interface RunState {
  runId: string;
  workflowId: string;
  /** Attempt of the whole run (a manual re-run of a failed run counts up). */
  attempt: number;
  status: RunStatus;
  input: unknown;
  vars: Record<string, unknown>;
  nodes: NodeState[];
  /** Maintained incrementally so an event never has to scan every node. */
  counts: { open: number; active: number; waiting: number };
  timeoutMs?: number;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** Output of the `respond` step, once one has run: it becomes the run's output. */
  respond?: { nodeId: string; output: unknown };
  output?: unknown;
  error?: RunError;
}

export class IllegalTransitionError extends Error {
  constructor(what: string, from: string, to: string) {
    super(`Illegal ${what} transition: ${from} -> ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

const RUN_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  queued: ['running', 'failed', 'cancelled'],
  running: ['waiting', 'succeeded', 'failed', 'cancelled'],
  waiting: ['running', 'succeeded', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

const NODE_TRANSITIONS: Record<NodeStatus, readonly NodeStatus[]> = {
  pending: ['scheduled', 'skipped', 'cancelled'],
  // Back to 'scheduled' is a retry: the runtime may never report that an attempt started.
  scheduled: ['scheduled', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'],
  running: ['scheduled', 'waiting', 'succeeded', 'failed', 'cancelled'],
  waiting: ['scheduled', 'succeeded', 'failed', 'cancelled'],
  succeeded: [],
  failed: [],
  skipped: [],
  cancelled: [],
};

/** Returns `to`, or throws: a wrong transition is a bug, never something to apply quietly. */
export function transitionRun(from: RunStatus, to: RunStatus): RunStatus {
  if (!RUN_TRANSITIONS[from].includes(to)) throw new IllegalTransitionError('run', from, to);
  return to;
}

export function transitionNode(from: NodeStatus, to: NodeStatus): NodeStatus {
  if (!NODE_TRANSITIONS[from].includes(to)) throw new IllegalTransitionError('node', from, to);
  return to;
}

/** Run statuses after which nothing about a run changes any more. */
export const FINAL_RUN_STATUSES = [
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly RunStatus[];

const FINAL_RUN: ReadonlySet<string> = new Set(FINAL_RUN_STATUSES);

/** Takes any string: database rows and notices carry the status as text. */
export function isRunFinal(status: string): boolean {
  return FINAL_RUN.has(status);
}

export function isNodeFinal(status: NodeStatus): boolean {
  return RUN_FINAL_NODE.has(status);
}

/** A step attempt is out with a worker (or about to be). */
export function isNodeActive(status: NodeStatus): boolean {
  return status === 'scheduled' || status === 'running';
}

const RUN_FINAL_NODE: ReadonlySet<NodeStatus> = new Set([
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
]);

/** A node's state by id (linear: for callers outside the hot path). */
export function findNode(state: RunState, nodeId: string): NodeState | undefined {
  return state.nodes.find((node) => node.id === nodeId);
}
