import type { WorkflowDefinition } from '../definition/workflow.schema';
import { buildGraph } from './indexed-graph';

/** Ids of the nodes with an edge into `nodeId`, each once, in edge order. */
export function predecessors(definition: WorkflowDefinition, nodeId: string): string[] {
  return neighbors(definition, nodeId, 'incoming');
}

/** Ids of the nodes `nodeId` has an edge to, each once, in edge order. */
export function successors(definition: WorkflowDefinition, nodeId: string): string[] {
  return neighbors(definition, nodeId, 'outgoing');
}

function neighbors(
  definition: WorkflowDefinition,
  nodeId: string,
  direction: 'incoming' | 'outgoing',
): string[] {
  const graph = buildGraph(definition);
  const index = graph.indexOf.get(nodeId);
  if (index === undefined) return [];
  const ids = new Set<string>();
  for (const edge of graph[direction][index] ?? []) {
    const other = graph.nodes[direction === 'incoming' ? edge.from : edge.to];
    if (other) ids.add(other.id);
  }
  return [...ids];
}
