'use client';

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { defaultRegistry, describeStepTypes, type WorkflowDefinition } from '@/engine';
import type { StepStatusOverlay } from '../model/flow-types';
import type { FlowDecorations } from '../model/to-flow';
import { layoutPositions } from './auto-layout';
import { WorkflowCanvas } from './workflow-canvas';

const TYPES_BY_ID = new Map(describeStepTypes(defaultRegistry).map((t) => [t.id, t]));
const ignore = () => undefined;

/**
 * The designer's canvas for looking only: nothing moves, connects or is deleted. A
 * definition written without positions (by hand, through the API) is laid out first.
 */
export function ReadOnlyCanvas({
  definition,
  overlays,
  onNodeClick,
}: {
  definition: WorkflowDefinition;
  overlays?: Record<string, StepStatusOverlay>;
  onNodeClick?: (nodeId: string) => void;
}) {
  const placed = usePlaced(definition);
  const decorations = useMemo<FlowDecorations>(
    () => ({ registry: defaultRegistry, types: TYPES_BY_ID, overlays, readOnly: true }),
    [overlays],
  );
  if (!placed) return <p className="p-3 text-sm text-slate-500">Laying out the graph…</p>;
  return (
    <ReactFlowProvider>
      <WorkflowCanvas
        definition={placed}
        decorations={decorations}
        types={TYPES_BY_ID}
        readOnly
        current={() => placed}
        edit={ignore}
        onSelectionChange={ignore}
        onNodeClick={onNodeClick}
        miniMap={false}
      />
    </ReactFlowProvider>
  );
}

/** The definition with a position for every node, or null while the layout is computed. */
function usePlaced(definition: WorkflowDefinition): WorkflowDefinition | null {
  const complete = definition.nodes.every((n) => n.position);
  const [laidOut, setLaidOut] = useState<{
    from: WorkflowDefinition;
    to: WorkflowDefinition;
  } | null>(null);
  useEffect(() => {
    if (complete) return;
    let live = true;
    layoutPositions(definition, new Map()).then(
      (positions) => {
        if (!live) return;
        const nodes = definition.nodes.map((n) => ({ ...n, position: positions.get(n.id) }));
        setLaidOut({ from: definition, to: { ...definition, nodes } });
      },
      // Without a layout the canvas still draws every step, on its fallback grid.
      () => {
        if (live) setLaidOut({ from: definition, to: definition });
      },
    );
    return () => {
      live = false;
    };
  }, [definition, complete]);
  if (complete) return definition;
  return laidOut?.from === definition ? laidOut.to : null;
}
