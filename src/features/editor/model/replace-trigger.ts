import type { WorkflowDefinition, WorkflowEdge } from '@/engine';
import { edgeKey } from './edit-ops';

/**
 * Makes `keepId` the workflow's one trigger: every other node `isTrigger` accepts is
 * removed, its outgoing connections move to the kept trigger, and the kept trigger takes
 * the place of the one it replaces so the layout stays as it was.
 */
export function replaceTrigger(
  definition: WorkflowDefinition,
  keepId: string,
  isTrigger: (type: string) => boolean,
): WorkflowDefinition {
  const replaced = definition.nodes.filter((n) => n.id !== keepId && isTrigger(n.type));
  if (replaced.length === 0) return definition;
  const gone = new Set(replaced.map((n) => n.id));
  const place = replaced[0]!.position;
  const nodes = definition.nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => (n.id === keepId && place ? { ...n, position: place } : n));
  const edges: WorkflowEdge[] = [];
  const seen = new Set<string>();
  for (const edge of definition.edges) {
    if (gone.has(edge.to)) continue;
    // A trigger has one output port: the moved connections leave from the default one.
    const moved: WorkflowEdge = gone.has(edge.from) ? { from: keepId, to: edge.to } : edge;
    if (moved.to === keepId) continue;
    const key = edgeKey(moved);
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(moved);
  }
  return { ...definition, nodes, edges };
}
