import { checkWorkflow, type WorkflowDefinition, type WorkflowNode } from '@/engine';
import { nodeName, type Position } from './edit-ops';
import { uniqueNodeId, uniqueNodeName } from './node-ids';

/** How far a paste lands from the copied nodes when no place is given. */
export const PASTE_OFFSET = 40;

/**
 * The selected nodes and the edges between them, as a definition of their own: the
 * clipboard carries the saved format, so a copy pastes into any workflow, tab or file.
 */
export function copySelection(
  definition: WorkflowDefinition,
  nodeIds: ReadonlySet<string>,
): WorkflowDefinition {
  return {
    schemaVersion: 1,
    name: definition.name,
    nodes: definition.nodes.filter((n) => nodeIds.has(n.id)),
    edges: definition.edges.filter((e) => nodeIds.has(e.from) && nodeIds.has(e.to)),
  };
}

export function serializeClipboard(fragment: WorkflowDefinition): string {
  return JSON.stringify(fragment, null, 2);
}

/** The definition in pasted text, or null when the text is something else. */
export function parseClipboard(text: string): WorkflowDefinition | null {
  if (!/^\s*\{/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = checkWorkflow(value);
  return parsed.ok && parsed.workflow.nodes.length > 0 ? parsed.workflow : null;
}

/**
 * Adds the fragment's nodes and edges with fresh ids and names, moved by PASTE_OFFSET or so
 * that their top-left corner is at `at`. Edges are renamed with their nodes.
 */
export function pasteFragment(
  definition: WorkflowDefinition,
  fragment: WorkflowDefinition,
  at?: Position,
): { definition: WorkflowDefinition; pastedIds: string[] } {
  const ids = new Set(definition.nodes.map((n) => n.id));
  const names = new Set(definition.nodes.map(nodeName));
  const shift = offsetFor(fragment.nodes, at);
  const renamed = new Map<string, string>();
  const nodes: WorkflowNode[] = fragment.nodes.map((node, i) => {
    const id = uniqueNodeId(node.id, ids);
    ids.add(id);
    renamed.set(node.id, id);
    const name = uniqueNodeName(nodeName(node), names);
    names.add(name);
    const base = node.position ?? { x: i * 40, y: i * 40 };
    return {
      ...structuredClone(node),
      id,
      name,
      position: { x: base.x + shift.x, y: base.y + shift.y },
    };
  });
  const edges = fragment.edges.flatMap((edge) => {
    const from = renamed.get(edge.from);
    const to = renamed.get(edge.to);
    return from && to ? [{ ...edge, from, to }] : [];
  });
  return {
    definition: {
      ...definition,
      nodes: [...definition.nodes, ...nodes],
      edges: [...definition.edges, ...edges],
    },
    pastedIds: nodes.map((n) => n.id),
  };
}

function offsetFor(nodes: WorkflowNode[], at: Position | undefined): Position {
  if (!at) return { x: PASTE_OFFSET, y: PASTE_OFFSET };
  const placed = nodes.map((n) => n.position ?? { x: 0, y: 0 });
  const minX = Math.min(...placed.map((p) => p.x));
  const minY = Math.min(...placed.map((p) => p.y));
  return { x: Math.round(at.x - minX), y: Math.round(at.y - minY) };
}
