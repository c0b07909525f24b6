import type { WorkflowDefinition } from '../definition/workflow.schema';
import { indexGraph, type IndexedGraph } from '../graph/indexed-graph';
import { attemptKey, type AttemptRecord, type AttemptStatus } from './attempt-record';
import type { RunCommand } from './commands';
import {
  isNodeActive,
  isNodeFinal,
  transitionNode,
  transitionRun,
  type NodeState,
  type NodeStatus,
  type RunState,
  type RunStatus,
} from './run-state';

export interface AdvanceEnv {
  /** Milliseconds since the epoch, when the event is applied. */
  now: number;
  /** A float in [0, 1), for retry jitter. */
  random: () => number;
  /** The definition the run executes (the same one given to `startRun`). */
  workflow: WorkflowDefinition;
  /**
   * The caller owns `state` and will never look at it again (it loaded it just for this
   * call, or keeps only the result): `advance` may then update its node list in place,
   * making an event cost O(affected nodes) instead of one O(nodes) pointer copy.
   */
  inPlace?: boolean;
}

/**
 * The working copy one `advance` call edits. Node objects are replaced, never mutated, so
 * the previous state stays untouched at the price of copying the node list (one memcpy of
 * pointers), unless the caller allows updating it in place (`env.inPlace`).
 */
export class Draft {
  readonly graph: IndexedGraph;
  readonly nodes: NodeState[];
  readonly counts: RunState['counts'];
  readonly commands: RunCommand[] = [];
  /** Attempts this event concluded or suspended; a later report of one replaces it. */
  readonly attempts = new Map<string, AttemptRecord>();
  run: RunState;

  constructor(
    previous: RunState,
    readonly env: AdvanceEnv,
  ) {
    this.graph = indexGraph(env.workflow);
    this.nodes = env.inPlace ? previous.nodes : previous.nodes.slice();
    this.counts = env.inPlace ? previous.counts : { ...previous.counts };
    this.run = { ...previous, nodes: this.nodes, counts: this.counts };
  }

  get now(): number {
    return this.env.now;
  }

  node(index: number): NodeState {
    const node = this.nodes[index];
    if (!node) throw new Error(`No node at index ${index}`);
    return node;
  }

  indexOf(nodeId: string): number | undefined {
    return this.graph.indexOf.get(nodeId);
  }

  emit(command: RunCommand): void {
    this.commands.push(command);
  }

  /** Replaces a node, checking its status transition and keeping the counters right. */
  update(index: number, patch: Partial<NodeState> & { status?: NodeStatus }): NodeState {
    const before = this.node(index);
    if (patch.status !== undefined && patch.status !== before.status) {
      transitionNode(before.status, patch.status);
      this.count(before.status, -1);
      this.count(patch.status, 1);
    } else if (patch.status === 'scheduled') {
      transitionNode(before.status, 'scheduled');
    }
    const after = { ...before, ...patch };
    this.nodes[index] = after;
    return after;
  }

  /** Reports how the node's current attempt stands now (see AttemptRecord). */
  recordAttempt(
    index: number,
    status: AttemptStatus,
    extra: Pick<AttemptRecord, 'output' | 'error' | 'port'> = {},
  ): void {
    const node = this.node(index);
    if (node.attempts === 0) return;
    const record: AttemptRecord = { nodeId: node.id, attempt: node.attempts, status, at: this.now };
    if (extra.output !== undefined) record.output = extra.output;
    if (extra.error !== undefined) record.error = extra.error;
    if (extra.port !== undefined) record.port = extra.port;
    this.attempts.set(attemptKey(node.id, node.attempts), record);
  }

  setRunStatus(status: RunStatus): void {
    if (this.run.status === status) return;
    this.run.status = transitionRun(this.run.status, status);
  }

  private count(status: NodeStatus, delta: number): void {
    if (!isNodeFinal(status)) this.counts.open += delta;
    if (isNodeActive(status)) this.counts.active += delta;
    if (status === 'waiting') this.counts.waiting += delta;
  }
}
