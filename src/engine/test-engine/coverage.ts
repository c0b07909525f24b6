import {
  DEFAULT_PORT,
  edgePort,
  ERROR_PORT,
  type WorkflowDefinition,
  type WorkflowNode,
} from '../definition/workflow.schema';
import type { AttemptRecord } from '../run/attempt-record';
import type { StepRegistry } from '../steps/step-type';

/** Something a suite should reach: a step, or a branch (a port of a branching step, an edge). */
export interface CoverageItem {
  kind: 'step' | 'port' | 'edge';
  /** `fetch`, `found:true`, `found:true->summary`. */
  id: string;
  nodeId: string;
  port?: string;
  to?: string;
  covered: boolean;
}

export interface CoverageCount {
  covered: number;
  total: number;
}

export interface Coverage {
  steps: CoverageCount;
  /** Ports of If, Switch and other multi-port steps, error ports, and every edge. */
  branches: CoverageCount;
  /** Steps and branches together, 0–100, one decimal. */
  percent: number;
  items: CoverageItem[];
}

/**
 * How much of `workflow` the runs reached: steps executed at least once, and branches taken,
 * from each run's attempt records (what the engine concluded, so a mocked step counts).
 */
export function coverageOf(
  workflow: WorkflowDefinition,
  registry: StepRegistry,
  runs: readonly (readonly AttemptRecord[])[],
): Coverage {
  const executed = new Set<string>();
  const taken = new Set<string>();
  for (const attempts of runs) {
    for (const record of attempts) {
      executed.add(record.nodeId);
      const port = record.port ?? (record.status === 'succeeded' ? DEFAULT_PORT : undefined);
      if (port !== undefined && record.status !== 'waiting') taken.add(`${record.nodeId}:${port}`);
    }
  }
  const items: CoverageItem[] = [];
  for (const node of workflow.nodes) {
    items.push({ kind: 'step', id: node.id, nodeId: node.id, covered: executed.has(node.id) });
  }
  for (const node of workflow.nodes) {
    for (const port of branchPorts(node, registry)) {
      const id = `${node.id}:${port}`;
      items.push({ kind: 'port', id, nodeId: node.id, port, covered: taken.has(id) });
    }
  }
  for (const edge of workflow.edges) {
    const port = edgePort(edge);
    items.push({
      kind: 'edge',
      id: `${edge.from}:${port}->${edge.to}`,
      nodeId: edge.from,
      port,
      to: edge.to,
      covered: taken.has(`${edge.from}:${port}`),
    });
  }
  const steps = count(items.filter((i) => i.kind === 'step'));
  const branches = count(items.filter((i) => i.kind !== 'step'));
  const total = steps.total + branches.total;
  const covered = steps.covered + branches.covered;
  const percent = total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
  return { steps, branches, percent, items };
}

/** A step's ports when it chooses among several, plus its error port when it routes there. */
function branchPorts(node: WorkflowNode, registry: StepRegistry): string[] {
  const type = registry.get(node.type);
  const ports: string[] = [];
  if (type) {
    const parsed = type.params.safeParse(node.params);
    try {
      const declared = type.ports(parsed.success ? parsed.data : node.params);
      if (declared.length > 1) ports.push(...declared);
    } catch {
      // Params too broken to name ports: validation reports them; nothing to cover.
    }
  }
  if (node.onError === 'errorPort' && !ports.includes(ERROR_PORT)) ports.push(ERROR_PORT);
  return ports;
}

function count(items: CoverageItem[]): CoverageCount {
  return { covered: items.filter((i) => i.covered).length, total: items.length };
}
