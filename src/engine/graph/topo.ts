import type { WorkflowDefinition } from '../definition/workflow.schema';
import { buildGraph } from './indexed-graph';

export type TopoResult =
  | { ok: true; order: string[] }
  /** `cycle` lists node ids along one cycle, first id repeated at the end. */
  | { ok: false; cycle: string[] };

/** Kahn's algorithm; on a cycle, names one so the user can see which edge to remove. */
export function topologicalOrder(definition: WorkflowDefinition): TopoResult {
  const graph = buildGraph(definition);
  const n = graph.nodes.length;
  const indegree = graph.incoming.map((edges) => edges.length);
  const queue: number[] = [];
  indegree.forEach((d, i) => {
    if (d === 0) queue.push(i);
  });
  const order: number[] = [];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as number;
    order.push(current);
    for (const edge of graph.outgoing[current] ?? []) {
      indegree[edge.to] = (indegree[edge.to] ?? 0) - 1;
      if (indegree[edge.to] === 0) queue.push(edge.to);
    }
  }
  const ids = (list: number[]) => list.map((i) => graph.nodes[i]?.id ?? '');
  if (order.length === n) return { ok: true, order: ids(order) };
  return { ok: false, cycle: ids(findCycle(graph.incoming, indegree)) };
}

/**
 * Walks backwards among the nodes Kahn could not order: each still has an unordered
 * predecessor, so the walk must revisit a node, and the revisited stretch is a cycle.
 */
function findCycle(
  incoming: readonly (readonly { from: number }[])[],
  indegree: number[],
): number[] {
  const stuck = (i: number) => (indegree[i] ?? 0) > 0;
  let current = indegree.findIndex((d) => d > 0);
  const seenAt = new Map<number, number>();
  const path: number[] = [];
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    const previous = (incoming[current] ?? []).find((edge) => stuck(edge.from));
    if (!previous) break;
    current = previous.from;
  }
  const cycle = path.slice(seenAt.get(current) ?? 0).reverse();
  return [...cycle, cycle[0] ?? current];
}
