import type { WorkflowDefinition } from '@/engine';
import type { Position } from '../model/edit-ops';

const DEFAULT_SIZE = { width: 208, height: 80 };

/**
 * Left-to-right layered positions for every node (ELK's "layered" algorithm). ELK is loaded
 * only when asked for, so it costs nothing until the button is used.
 */
export async function layoutPositions(
  definition: WorkflowDefinition,
  sizes: ReadonlyMap<string, { width: number; height: number }>,
): Promise<Map<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(definition.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: definition.nodes.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? DEFAULT_SIZE) })),
    edges: definition.edges
      .filter((e) => ids.has(e.from) && ids.has(e.to))
      .map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  return new Map(
    (graph.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]),
  );
}
