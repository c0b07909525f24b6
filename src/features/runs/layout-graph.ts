import ELK from 'elkjs/lib/elk.bundled.js';
import type { WorkflowDefinition } from '@/engine';

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 56;

export type Positions = Record<string, { x: number; y: number }>;

let elk: InstanceType<typeof ELK> | undefined;

/**
 * Where to draw each step: the positions saved in the definition when every step has one
 * (what the designer showed), otherwise a left-to-right layered layout.
 */
export async function layoutGraph(definition: WorkflowDefinition): Promise<Positions> {
  const saved: Positions = {};
  for (const node of definition.nodes) if (node.position) saved[node.id] = node.position;
  if (definition.nodes.every((node) => node.position)) return saved;
  elk ??= new ELK();
  const ids = new Set(definition.nodes.map((n) => n.id));
  const laid = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '32',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    },
    children: definition.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: definition.edges
      .filter((e) => ids.has(e.from) && ids.has(e.to))
      .map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  const positions: Positions = {};
  for (const child of laid.children ?? [])
    positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}
