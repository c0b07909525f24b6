'use client';

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useImperativeHandle, type DragEvent, type MouseEvent, type Ref } from 'react';
import { defaultRegistry, type StepTypeDescription, type WorkflowDefinition } from '@/engine';
import { checkConnection } from '../model/connection';
import {
  addNode,
  connect,
  edgeKey,
  moveNodes,
  removeElements,
  type Position,
} from '../model/edit-ops';
import type { StepFlowEdge, StepFlowNode } from '../model/flow-types';
import type { FlowDecorations } from '../model/to-flow';
import type { EditFn } from '../state/use-definition-history';
import { STEP_DRAG_TYPE } from '../palette/step-palette';
import { StepNode } from './step-node';
import { useFlowElements } from './use-flow-elements';

const nodeTypes = { step: StepNode };
const SNAP: [number, number] = [20, 20];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.2 };

export interface CanvasHandle {
  select(ids: Iterable<string>): void;
  /** Ids of the selected nodes and the keys of the selected edges. */
  selection(): { nodeIds: string[]; edgeKeys: string[] };
  sizes(): Map<string, { width: number; height: number }>;
  /** The flow position at the middle of the visible canvas. */
  center(): Position;
  /** Zooms to show every node, once the nodes on screen have been measured. */
  fitView(): void;
}

interface WorkflowCanvasProps {
  ref?: Ref<CanvasHandle>;
  definition: WorkflowDefinition;
  decorations: FlowDecorations;
  types: ReadonlyMap<string, StepTypeDescription>;
  readOnly: boolean;
  current: () => WorkflowDefinition;
  edit: EditFn;
  onSelectionChange: (nodeIds: string[]) => void;
  onNodeClick?: (nodeId: string) => void;
  /** Off where the canvas is too small for it to leave the graph visible. */
  miniMap?: boolean;
}

export function WorkflowCanvas({
  ref,
  definition,
  decorations,
  types,
  readOnly,
  current,
  edit,
  onSelectionChange,
  onNodeClick,
  miniMap = true,
}: WorkflowCanvasProps) {
  const flow = useReactFlow<StepFlowNode, StepFlowEdge>();
  const elements = useFlowElements(definition, decorations);
  const { onNodesChange: applyChanges, select } = elements;

  useImperativeHandle(
    ref,
    () => ({
      select,
      selection: () => ({
        nodeIds: flow
          .getNodes()
          .filter((n) => n.selected)
          .map((n) => n.id),
        edgeKeys: flow
          .getEdges()
          .filter((e) => e.selected)
          .map((e) => e.id.replace(/#\d+$/, '')),
      }),
      sizes: () =>
        new Map(
          flow
            .getNodes()
            .map((n) => [
              n.id,
              { width: n.measured?.width ?? 208, height: n.measured?.height ?? 80 },
            ]),
        ),
      fitView: () => {
        setTimeout(() => void flow.fitView(FIT_VIEW_OPTIONS), 0);
      },
      center: () => {
        const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
        if (!pane) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({
          x: pane.left + pane.width / 2,
          y: pane.top + pane.height / 2,
        });
      },
    }),
    [flow, select],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      applyChanges(changes);
      const moved = new Map<string, Position>();
      for (const c of changes) {
        if (c.type === 'position' && c.position && !c.dragging) moved.set(c.id, c.position);
      }
      if (moved.size > 0) {
        edit(moveNodes(current(), moved), `move:${[...moved.keys()].sort().join(',')}`);
      }
    },
    [applyChanges, current, edit],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) => checkConnection(current(), defaultRegistry, c).ok,
    [current],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (!checkConnection(current(), defaultRegistry, c).ok) return;
      edit(connect(current(), { from: c.source, to: c.target, fromPort: c.sourceHandle ?? 'out' }));
    },
    [current, edit],
  );
  const onDelete = useCallback(
    ({ nodes, edges }: { nodes: StepFlowNode[]; edges: StepFlowEdge[] }) => {
      const edgeKeys = new Set(
        edges.map((e) =>
          edgeKey({ from: e.source, to: e.target, fromPort: e.sourceHandle ?? undefined }),
        ),
      );
      edit(removeElements(current(), new Set(nodes.map((n) => n.id)), edgeKeys));
    },
    [current, edit],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(STEP_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = types.get(event.dataTransfer.getData(STEP_DRAG_TYPE));
      if (!type || readOnly) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const added = addNode(current(), type, { x: at.x - 104, y: at.y - 30 });
      edit(added.definition);
      select([added.node.id]);
    },
    [types, readOnly, flow, current, edit, select],
  );

  const handleSelection = useCallback(
    ({ nodes }: OnSelectionChangeParams<StepFlowNode, StepFlowEdge>) =>
      onSelectionChange(nodes.map((n) => n.id)),
    [onSelectionChange],
  );
  const handleNodeClick = useCallback(
    (_: MouseEvent, node: StepFlowNode) => onNodeClick?.(node.id),
    [onNodeClick],
  );

  return (
    <ReactFlow<StepFlowNode, StepFlowEdge>
      nodes={elements.nodes}
      edges={elements.edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={elements.onEdgesChange}
      onConnect={onConnect}
      isValidConnection={isValidConnection}
      onDelete={onDelete}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onSelectionChange={handleSelection}
      onNodeClick={handleNodeClick}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={false}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      selectionKeyCode="Shift"
      snapToGrid
      snapGrid={SNAP}
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.05}
      onlyRenderVisibleElements
    >
      <Background variant={BackgroundVariant.Dots} gap={SNAP[0]} />
      {miniMap ? (
        // Half React Flow's default size: on a laptop screen the default hid a third of the graph.
        <MiniMap pannable zoomable ariaLabel="Mini map" style={{ width: 120, height: 80 }} />
      ) : null}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
