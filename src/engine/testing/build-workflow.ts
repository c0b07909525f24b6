import type { WorkflowDefinition, WorkflowNode } from '../definition/workflow.schema';

export type NodeSpec = Omit<WorkflowNode, 'id' | 'params'> & { params?: Record<string, unknown> };

/**
 * Terse workflows for tests: nodes by id, edges as `"from -> to"` or `"from:port -> to"`.
 * Node ids must be valid (letters, digits, underscore), so ':' and '->' never clash.
 */
export function buildWorkflow(
  nodes: Record<string, NodeSpec | string>,
  edges: string[] = [],
  extra: Partial<WorkflowDefinition> = {},
): WorkflowDefinition {
  return {
    schemaVersion: 1,
    name: extra.name ?? 'test',
    nodes: Object.entries(nodes).map(([id, spec]) => {
      const s = typeof spec === 'string' ? { type: spec } : spec;
      return { id, ...s, params: s.params ?? {} };
    }),
    edges: edges.map((text) => {
      const match = /^\s*(\w+)(?::(\w+))?\s*->\s*(\w+)\s*$/.exec(text);
      if (!match) throw new Error(`Bad edge "${text}"`);
      const [, from = '', port, to = ''] = match;
      return port ? { from, to, fromPort: port } : { from, to };
    }),
    ...(extra.vars ? { vars: extra.vars } : {}),
  };
}
