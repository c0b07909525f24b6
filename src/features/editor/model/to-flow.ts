import {
  edgePort,
  type StepRegistry,
  type StepTypeDescription,
  type WorkflowDefinition,
} from '@/engine';
import { edgeKey, nodeName, type Position } from './edit-ops';
import {
  STEP_NODE_TYPE,
  TARGET_HANDLE,
  type StepFlowEdge,
  type StepFlowNode,
  type StepStatusOverlay,
} from './flow-types';
import { nodePorts } from './node-ports';
import { firstIssue, type ProblemIndex } from './problems';

export interface FlowDecorations {
  registry: StepRegistry;
  types: ReadonlyMap<string, StepTypeDescription>;
  problems?: ProblemIndex;
  overlays?: Record<string, StepStatusOverlay>;
  readOnly: boolean;
}

const GRID_COLUMNS = 6;

/** Where a node without a saved position is drawn (hand-written files often have none). */
export function fallbackPosition(index: number): Position {
  return { x: (index % GRID_COLUMNS) * 260, y: Math.floor(index / GRID_COLUMNS) * 160 };
}

/**
 * The canvas nodes of a definition. A previous node is reused as is when nothing it shows
 * changed, so React Flow's memoised nodes skip rendering; its selection and measured size
 * carry over to a rebuilt one.
 */
export function toFlowNodes(
  definition: WorkflowDefinition,
  decorations: FlowDecorations,
  previous: readonly StepFlowNode[] = [],
): StepFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return definition.nodes.map((node, i) => {
    const old = before.get(node.id);
    const issue = firstIssue(decorations.problems?.byNode.get(node.id));
    const overlay = decorations.overlays?.[node.id];
    if (
      old &&
      old.data.node === node &&
      old.data.issue === issue &&
      old.data.overlay === overlay &&
      old.data.readOnly === decorations.readOnly
    ) {
      return old;
    }
    const type = decorations.types.get(node.type);
    const flowNode: StepFlowNode = {
      id: node.id,
      type: STEP_NODE_TYPE,
      position: node.position ?? fallbackPosition(i),
      ariaLabel: nodeName(node),
      data: {
        node,
        typeName: type?.displayName ?? node.type,
        category: type?.category ?? 'utility',
        trigger: type?.trigger ?? false,
        ports:
          old && old.data.node === node ? old.data.ports : nodePorts(node, decorations.registry),
        readOnly: decorations.readOnly,
        ...(issue ? { issue } : {}),
        ...(overlay ? { overlay } : {}),
      },
    };
    if (old?.selected) flowNode.selected = true;
    if (old?.measured) flowNode.measured = old.measured;
    return flowNode;
  });
}

export function toFlowEdges(
  definition: WorkflowDefinition,
  problems: ProblemIndex | undefined,
  previous: readonly StepFlowEdge[] = [],
): StepFlowEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const names = new Map(definition.nodes.map((n) => [n.id, nodeName(n)]));
  const used = new Set<string>();
  return definition.edges.map((edge) => {
    const key = edgeKey(edge);
    let id = key;
    for (let k = 2; used.has(id); k++) id = `${key}#${k}`;
    used.add(id);
    const port = edgePort(edge);
    const issue = problems?.byEdge.get(key);
    const from = names.get(edge.from) ?? edge.from;
    const to = names.get(edge.to) ?? edge.to;
    const ariaLabel = `Connection from ${from} (${port}) to ${to}`;
    const old = before.get(id);
    if (old && old.data?.issue === issue && old.ariaLabel === ariaLabel) return old;
    const flowEdge: StepFlowEdge = {
      id,
      source: edge.from,
      target: edge.to,
      sourceHandle: port,
      targetHandle: TARGET_HANDLE,
      ariaLabel,
      data: issue ? { port, issue } : { port },
      ...(issue ? { className: 'invalid', style: { stroke: '#dc2626', strokeWidth: 2 } } : {}),
    };
    if (old?.selected) flowEdge.selected = true;
    return flowEdge;
  });
}
