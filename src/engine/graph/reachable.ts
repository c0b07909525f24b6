import type { WorkflowDefinition } from '../definition/workflow.schema';
import { buildGraph } from './indexed-graph';

/** Ids of every node reachable from `startIds` by following edges (the starts included). */
export function reachableFrom(definition: WorkflowDefinition, startIds: string[]): Set<string> {
  const graph = buildGraph(definition);
  const seen = new Set<number>();
  const stack: number[] = [];
  for (const id of startIds) {
    const index = graph.indexOf.get(id);
    if (index !== undefined && !seen.has(index)) {
      seen.add(index);
      stack.push(index);
    }
  }
  while (stack.length > 0) {
    const current = stack.pop() as number;
    for (const edge of graph.outgoing[current] ?? []) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        stack.push(edge.to);
      }
    }
  }
  return new Set([...seen].map((i) => graph.nodes[i]?.id ?? ''));
}
