import {
  edgePort,
  type WorkflowDefinition,
  type WorkflowNode,
} from '../definition/workflow.schema';
import { joinModeOf, type JoinMode } from './ready-steps';

export interface GraphEdge {
  /** Position in `definition.edges`. */
  index: number;
  from: number;
  to: number;
  port: string;
}

/**
 * A definition with its adjacency precomputed, so the run state machine touches only the
 * nodes an event affects. Nodes are addressed by their position in `definition.nodes`.
 */
export interface IndexedGraph {
  readonly definition: WorkflowDefinition;
  readonly nodes: readonly WorkflowNode[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly outgoing: readonly (readonly GraphEdge[])[];
  readonly incoming: readonly (readonly GraphEdge[])[];
  /** Nodes without incoming edges: in a valid workflow, exactly the trigger. */
  readonly roots: readonly number[];
  /** Nodes without outgoing edges. */
  readonly leaves: readonly number[];
  readonly joinModes: readonly JoinMode[];
}

const cache = new WeakMap<WorkflowDefinition, IndexedGraph>();

/**
 * Indexes a definition once and caches the result by identity, for the run engine: a run
 * executes one saved version, so its definition must not be mutated once it runs.
 */
export function indexGraph(definition: WorkflowDefinition): IndexedGraph {
  const hit = cache.get(definition);
  if (hit) return hit;
  const graph = buildGraph(definition);
  cache.set(definition, graph);
  return graph;
}

/**
 * Indexes a definition without caching, for code that may see a definition being edited in
 * place (the designer). Edges naming unknown nodes are left out; validation reports them.
 */
export function buildGraph(definition: WorkflowDefinition): IndexedGraph {
  const nodes = definition.nodes;
  const indexOf = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, i);
  });
  const outgoing: GraphEdge[][] = nodes.map(() => []);
  const incoming: GraphEdge[][] = nodes.map(() => []);
  definition.edges.forEach((edge, index) => {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined) return;
    const graphEdge = { index, from, to, port: edgePort(edge) };
    outgoing[from]?.push(graphEdge);
    incoming[to]?.push(graphEdge);
  });
  const roots: number[] = [];
  const leaves: number[] = [];
  nodes.forEach((_, i) => {
    if (incoming[i]?.length === 0) roots.push(i);
    if (outgoing[i]?.length === 0) leaves.push(i);
  });
  return {
    definition,
    nodes,
    indexOf,
    outgoing,
    incoming,
    roots,
    leaves,
    joinModes: nodes.map(joinModeOf),
  };
}
