import type { Edge, Node } from '@xyflow/react';
import type { WorkflowNode } from '@/engine';

/** What a run reports for one step, drawn on its node. */
export interface StepStatusOverlay {
  status: string;
  attempts: number;
  durationMs?: number;
  outputPreview?: string;
}

/** Plain JSON only: node data is compared by identity to skip re-renders. */
export interface StepNodeData extends Record<string, unknown> {
  node: WorkflowNode;
  typeName: string;
  category: string;
  trigger: boolean;
  ports: string[];
  /** First validation problem of the node, if any. */
  issue?: string;
  overlay?: StepStatusOverlay;
  readOnly: boolean;
}

export type StepFlowNode = Node<StepNodeData, 'step'>;
export type StepFlowEdge = Edge<{ port: string; issue?: string }>;

export const STEP_NODE_TYPE = 'step';
export const TARGET_HANDLE = 'in';
