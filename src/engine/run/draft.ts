import type { WorkflowDefinition } from '../definition/workflow.schema';
import { indexGraph, type IndexedGraph } from '../graph/indexed-graph';
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
}

/**
 * The working copy one `advance` call edits. Copying the node array is one memcpy of
 * pointers; each node object is replaced only when it changes, so the previous state stays
 * untouched and an event costs time in the nodes it affects, not in the workflow's size.
 */
export class Draft {
  readonly graph: IndexedGraph;
  readonly nodes: NodeState[];
  readonly counts: RunState['counts'];
  readonly commands: RunCommand[] = [];
  run: RunState;

  constructor(
    previous: RunState,
    readonly env: AdvanceEnv,
  ) {
    this.graph = indexGraph(env.workflow);
    this.nodes = previous.nodes.slice();
    this.counts = { ...previous.counts };
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
