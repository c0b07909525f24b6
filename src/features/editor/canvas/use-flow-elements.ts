'use client';

import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { WorkflowDefinition } from '@/engine';
import type { StepFlowEdge, StepFlowNode } from '../model/flow-types';
import { toFlowEdges, toFlowNodes, type FlowDecorations } from '../model/to-flow';

interface Synced {
  definition: WorkflowDefinition;
  decorations: FlowDecorations;
  nodes: StepFlowNode[];
  edges: StepFlowEdge[];
}

/**
 * Canvas nodes and edges kept in step with the definition. Between edits React Flow's own
 * changes (drag frames, selection, measured sizes) are applied here without touching the
 * definition; removals are left to the definition, which is the source of truth.
 */
export function useFlowElements(definition: WorkflowDefinition, decorations: FlowDecorations) {
  const [synced, setSynced] = useState<Synced>(() => ({
    definition,
    decorations,
    nodes: toFlowNodes(definition, decorations),
    edges: toFlowEdges(definition, decorations.problems),
  }));
  const [wanted, setWanted] = useState<ReadonlySet<string> | null>(null);

  let current = synced;
  if (synced.definition !== definition || synced.decorations !== decorations || wanted) {
    let nodes = toFlowNodes(definition, decorations, synced.nodes);
    let edges = toFlowEdges(definition, decorations.problems, synced.edges);
    if (wanted) {
      nodes = nodes.map((n) =>
        !!n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) },
      );
      edges = edges.map((e) => (e.selected ? { ...e, selected: false } : e));
      setWanted(null);
    }
    current = { definition, decorations, nodes, edges };
    setSynced(current);
  }

  const onNodesChange = useCallback((changes: NodeChange<StepFlowNode>[]) => {
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length > 0) setSynced((s) => ({ ...s, nodes: applyNodeChanges(kept, s.nodes) }));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<StepFlowEdge>[]) => {
    const kept = changes.filter((c) => c.type === 'select');
    if (kept.length > 0) setSynced((s) => ({ ...s, edges: applyEdgeChanges(kept, s.edges) }));
  }, []);
  /** Selects exactly these nodes, including ones the next edit is about to add. */
  const select = useCallback((ids: Iterable<string>) => setWanted(new Set(ids)), []);

  return { nodes: current.nodes, edges: current.edges, onNodesChange, onEdgesChange, select };
}
