import {
  edgePort,
  type StepTypeDescription,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowNode,
} from '@/engine';
import { uniqueNodeId, uniqueNodeName } from './node-ids';

/**
 * Edits of a workflow definition. Each returns a new definition and keeps the nodes and
 * edges it does not touch by identity, so the canvas re-renders only what changed.
 */

export interface Position {
  x: number;
  y: number;
}

export function nodeName(node: WorkflowNode): string {
  return node.name ?? node.id;
}

export function addNode(
  definition: WorkflowDefinition,
  type: StepTypeDescription,
  position: Position,
): { definition: WorkflowDefinition; node: WorkflowNode } {
  const ids = new Set(definition.nodes.map((n) => n.id));
  const names = new Set(definition.nodes.map(nodeName));
  const node: WorkflowNode = {
    id: uniqueNodeId(type.id, ids),
    type: type.id,
    name: uniqueNodeName(type.displayName, names),
    params: structuredClone((type.defaultParams ?? {}) as Record<string, unknown>),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
  return { definition: { ...definition, nodes: [...definition.nodes, node] }, node };
}

export function removeElements(
  definition: WorkflowDefinition,
  nodeIds: ReadonlySet<string>,
  edgeKeys: ReadonlySet<string> = new Set(),
): WorkflowDefinition {
  if (nodeIds.size === 0 && edgeKeys.size === 0) return definition;
  return {
    ...definition,
    nodes: definition.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: definition.edges.filter(
      (e) => !nodeIds.has(e.from) && !nodeIds.has(e.to) && !edgeKeys.has(edgeKey(e)),
    ),
  };
}

export function moveNodes(
  definition: WorkflowDefinition,
  positions: ReadonlyMap<string, Position>,
): WorkflowDefinition {
  let changed = false;
  const nodes = definition.nodes.map((node) => {
    const to = positions.get(node.id);
    if (!to) return node;
    const x = Math.round(to.x);
    const y = Math.round(to.y);
    if (node.position?.x === x && node.position.y === y) return node;
    changed = true;
    return { ...node, position: { x, y } };
  });
  return changed ? { ...definition, nodes } : definition;
}

export function connect(definition: WorkflowDefinition, edge: WorkflowEdge): WorkflowDefinition {
  const port = edgePort(edge);
  const saved: WorkflowEdge =
    port === 'out'
      ? { from: edge.from, to: edge.to }
      : { from: edge.from, to: edge.to, fromPort: port };
  return { ...definition, edges: [...definition.edges, saved] };
}

/** Replaces the node with id `id` (the replacement may carry a new id: edges follow it). */
export function updateNode(
  definition: WorkflowDefinition,
  id: string,
  next: WorkflowNode,
): WorkflowDefinition {
  const nodes = definition.nodes.map((n) => (n.id === id ? next : n));
  if (next.id === id) return { ...definition, nodes };
  const edges = definition.edges.map((e) =>
    e.from === id || e.to === id
      ? { ...e, from: e.from === id ? next.id : e.from, to: e.to === id ? next.id : e.to }
      : e,
  );
  return { ...definition, nodes, edges };
}

/** Stable key of an edge, also its id on the canvas. */
export function edgeKey(edge: WorkflowEdge): string {
  return `${edge.from}.${edgePort(edge)}->${edge.to}`;
}
