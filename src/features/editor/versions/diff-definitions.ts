import { edgePort, type WorkflowDefinition, type WorkflowEdge, type WorkflowNode } from '@/engine';

/** One value that differs; `undefined` on a side means the value is absent there. */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  id: string;
  /** The node's name in the newer definition (or the older one if it lost its name). */
  name?: string;
  changes: ValueChange[];
}

export interface DefinitionDiff {
  name?: ValueChange;
  nodesAdded: WorkflowNode[];
  nodesRemoved: WorkflowNode[];
  nodesChanged: NodeChange[];
  /** Ids of nodes whose only difference is their place on the canvas. */
  nodesMoved: string[];
  edgesAdded: WorkflowEdge[];
  edgesRemoved: WorkflowEdge[];
  vars: ValueChange[];
}

const same = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);

/**
 * What changed from `before` to `after`, in terms a reviewer reads: nodes by id, params and
 * settings by field, edges by (from, port, to), vars by name. Canvas positions are reported
 * apart, since moving a node does not change what the workflow does.
 */
export function diffDefinitions(
  before: WorkflowDefinition,
  after: WorkflowDefinition,
): DefinitionDiff {
  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const nodesChanged: NodeChange[] = [];
  const nodesMoved: string[] = [];
  for (const node of after.nodes) {
    const old = oldNodes.get(node.id);
    if (!old) continue;
    const changes = nodeChanges(old, node);
    const name = node.name ?? old.name;
    if (changes.length > 0) nodesChanged.push({ id: node.id, ...(name ? { name } : {}), changes });
    else if (!same(old.position, node.position)) nodesMoved.push(node.id);
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  return {
    ...(before.name === after.name
      ? {}
      : { name: { path: 'name', before: before.name, after: after.name } }),
    nodesAdded: after.nodes.filter((n) => !oldNodes.has(n.id)),
    nodesRemoved: before.nodes.filter((n) => !newNodes.has(n.id)),
    nodesChanged,
    nodesMoved,
    edgesAdded: after.edges.filter((e) => !oldEdges.has(edgeKey(e))),
    edgesRemoved: before.edges.filter((e) => !newEdges.has(edgeKey(e))),
    vars: recordChanges('vars', before.vars ?? {}, after.vars ?? {}),
  };
}

export function isEmptyDiff(diff: DefinitionDiff): boolean {
  return (
    !diff.name &&
    diff.nodesAdded.length === 0 &&
    diff.nodesRemoved.length === 0 &&
    diff.nodesChanged.length === 0 &&
    diff.nodesMoved.length === 0 &&
    diff.edgesAdded.length === 0 &&
    diff.edgesRemoved.length === 0 &&
    diff.vars.length === 0
  );
}

/** `from.port → to`, the way the diff shows an edge. */
export function describeEdge(edge: WorkflowEdge): string {
  return `${edge.from}.${edgePort(edge)} → ${edge.to}`;
}

function edgeKey(edge: WorkflowEdge): string {
  return JSON.stringify([edge.from, edgePort(edge), edge.to]);
}

function nodeChanges(before: WorkflowNode, after: WorkflowNode): ValueChange[] {
  const changes: ValueChange[] = [];
  for (const key of ['type', 'name', 'timeoutMs', 'onError'] as const) {
    if (!same(before[key], after[key])) {
      changes.push({ path: key, before: before[key], after: after[key] });
    }
  }
  changes.push(...recordChanges('params', before.params, after.params));
  changes.push(...recordChanges('retry', before.retry ?? {}, after.retry ?? {}));
  return changes;
}

function recordChanges(prefix: string, before: object, after: object): ValueChange[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((key) => !same(a[key], b[key]))
    .map((key) => ({ path: `${prefix}.${key}`, before: a[key], after: b[key] }));
}

/** JSON with object keys sorted, so key order alone is not a change. */
function stableJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
