import { ERROR_PORT, type StepRegistry, type WorkflowNode } from '@/engine';

/**
 * Output ports of a node as the engine sees them: the type's ports for these params (the
 * defaults when the params do not parse yet) plus `error` when errors are routed.
 */
export function nodePorts(node: WorkflowNode, registry: StepRegistry): string[] {
  const type = registry.get(node.type);
  const ports = type ? typePorts(node, type) : ['out'];
  return node.onError === 'errorPort' ? [...ports, ERROR_PORT] : ports;
}

function typePorts(
  node: WorkflowNode,
  type: NonNullable<ReturnType<StepRegistry['get']>>,
): string[] {
  const parsed = type.params.safeParse(node.params);
  if (parsed.success) return type.ports(parsed.data);
  // Half-configured params: most types name their ports without reading them (if: true/false).
  try {
    const ports = type.ports(node.params);
    if (Array.isArray(ports) && ports.every((p) => typeof p === 'string')) return ports;
  } catch {
    // Falls through to the ports of the type's defaults.
  }
  const defaults = type.params.safeParse({});
  return defaults.success ? type.ports(defaults.data) : ['out'];
}
