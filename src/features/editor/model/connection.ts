import { edgePort, type StepRegistry, type WorkflowDefinition } from '@/engine';

export interface ConnectionAttempt {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether a new edge may be drawn: refused while the user drags, so the graph never holds
 * a self-loop, a cycle, a duplicate edge or an edge into a trigger.
 */
export function checkConnection(
  definition: WorkflowDefinition,
  registry: StepRegistry,
  attempt: ConnectionAttempt,
): ConnectionCheck {
  const { source, target } = attempt;
  const port = attempt.sourceHandle ?? 'out';
  if (source === target) return { ok: false, reason: 'A step cannot connect to itself' };
  const targetNode = definition.nodes.find((n) => n.id === target);
  const sourceNode = definition.nodes.find((n) => n.id === source);
  if (!targetNode || !sourceNode) return { ok: false, reason: 'Unknown step' };
  if (registry.get(targetNode.type)?.trigger) {
    return { ok: false, reason: 'A trigger cannot have incoming connections' };
  }
  const duplicate = definition.edges.some(
    (e) => e.from === source && e.to === target && edgePort(e) === port,
  );
  if (duplicate) return { ok: false, reason: 'These steps are already connected this way' };
  if (reaches(definition, target, source)) {
    return { ok: false, reason: 'This connection would make a cycle' };
  }
  return { ok: true };
}

function reaches(definition: WorkflowDefinition, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of definition.edges) {
    const list = next.get(e.from);
    if (list) list.push(e.to);
    else next.set(e.from, [e.to]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (current === to) return true;
    for (const n of next.get(current) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return false;
}
