import type { WorkflowNode } from '../definition/workflow.schema';

/**
 * The join rule: when a node may run given the state of its incoming edges. An edge is
 * unresolved until its source finishes, then live (the source took that port) or dead.
 *
 * - 'all' (every node, and merge with mode 'all'): waits until no edge is unresolved, then
 *   runs if any edge is live. A merge thus waits only for branches that can still arrive.
 * - 'first' (merge with mode 'first'): runs on the first live edge; later ones are ignored.
 *
 * A node whose edges are all dead is skipped, which is how an untaken branch skips exactly
 * its exclusive descendants.
 */
export type JoinMode = 'all' | 'first';
export type JoinDecision = 'wait' | 'run' | 'skip';

export const MERGE_TYPE = 'merge';

export function joinModeOf(node: WorkflowNode): JoinMode {
  return node.type === MERGE_TYPE && node.params.mode === 'first' ? 'first' : 'all';
}

export function decideJoin(mode: JoinMode, unresolved: number, live: number): JoinDecision {
  if (mode === 'first' && live > 0) return 'run';
  if (unresolved > 0) return 'wait';
  return live > 0 ? 'run' : 'skip';
}
