import type { IndexedGraph } from '../graph/indexed-graph';
import type { RunState } from './run-state';

/** Outputs of the nodes that finished with one, by id: what expressions see as `steps`. */
export function stepOutputs(state: RunState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const node of state.nodes) {
    if (node.output !== undefined && (node.status === 'succeeded' || node.status === 'failed')) {
      out[node.id] = node.output;
    }
  }
  return out;
}

/** Outputs of the node's direct predecessors that produced one, by id. */
export function predecessorOutputs(
  graph: IndexedGraph,
  outputs: Record<string, unknown>,
  index: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const edge of graph.incoming[index] ?? []) {
    const id = graph.nodes[edge.from]?.id;
    if (id !== undefined && id in outputs) out[id] = outputs[id];
  }
  return out;
}
