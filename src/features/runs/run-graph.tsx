'use client';

import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { memo, useEffect, useMemo, useState } from 'react';
import type { WorkflowDefinition } from '@/engine';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type Positions } from './layout-graph';
import { StatusBadge } from './status-badge';

type StepNodeData = { label: string; type: string; status: string; attempts: number };
type StepNode = Node<StepNodeData, 'step'>;

const BORDER: Record<string, string> = {
  succeeded: 'border-emerald-500',
  failed: 'border-red-500',
  running: 'border-blue-500',
  scheduled: 'border-blue-300',
  waiting: 'border-amber-500',
  cancelled: 'border-slate-400',
  skipped: 'border-slate-200',
};

const StepNodeView = memo(function StepNodeView({ data }: NodeProps<StepNode>) {
  return (
    <div
      className={`rounded-md border-2 bg-white px-3 py-1.5 text-xs shadow-sm ${BORDER[data.status] ?? 'border-slate-300'}`}
      style={{ width: NODE_WIDTH, minHeight: NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="truncate font-mono font-medium">{data.label}</div>
      <div className="mt-1 flex items-center justify-between gap-2 text-slate-500">
        <span className="truncate">{data.type}</span>
        <StatusBadge status={data.status} />
      </div>
      {data.attempts > 1 ? <div className="text-slate-500">attempt {data.attempts}</div> : null}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const NODE_TYPES = { step: StepNodeView };

/** The run's version as a read-only graph, each step showing where it stands. */
export function RunGraph({
  definition,
  statuses,
  onSelect,
}: {
  definition: WorkflowDefinition;
  statuses: Record<string, { status: string; attempts: number }>;
  onSelect: (nodeId: string) => void;
}) {
  const [positions, setPositions] = useState<Positions | null>(null);
  useEffect(() => {
    let live = true;
    void layoutGraph(definition).then((p) => {
      if (live) setPositions(p);
    });
    return () => {
      live = false;
    };
  }, [definition]);

  const nodes = useMemo<StepNode[]>(
    () =>
      definition.nodes.map((n) => ({
        id: n.id,
        type: 'step',
        position: positions?.[n.id] ?? { x: 0, y: 0 },
        ariaLabel: `Step ${n.id}: ${statuses[n.id]?.status ?? 'pending'}`,
        data: {
          label: n.name ?? n.id,
          type: n.type,
          status: statuses[n.id]?.status ?? 'pending',
          attempts: statuses[n.id]?.attempts ?? 0,
        },
      })),
    [definition, positions, statuses],
  );
  const edges = useMemo<Edge[]>(
    () =>
      definition.edges.map((e, i) => ({
        id: `${e.from}-${e.to}-${i}`,
        source: e.from,
        target: e.to,
        ...(e.fromPort && e.fromPort !== 'out' ? { label: e.fromPort } : {}),
        animated: statuses[e.from]?.status === 'succeeded' && statuses[e.to]?.status === 'running',
      })),
    [definition, statuses],
  );

  if (!positions) return <p className="text-sm text-slate-500">Laying out the graph…</p>;
  return (
    <div
      className="h-80 rounded-lg border border-slate-200 bg-white"
      aria-label="Workflow graph"
      role="region"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onNodeClick={(_event, node) => onSelect(node.id)}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
