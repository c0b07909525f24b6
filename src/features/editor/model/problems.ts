import {
  checkWorkflow,
  validateWorkflow,
  type StepRegistry,
  type ValidationIssue,
  type WorkflowDefinition,
} from '@/engine';
import { edgeKey, nodeName } from './edit-ops';

/** One validation issue, tied to the node or edge it is about when it is about one. */
export interface Problem {
  path: string;
  message: string;
  nodeId?: string;
  /** Label for the problems list: the node's name, or "Connection a → b". */
  where?: string;
  /** The node's field, as the config panel names it: `params.url`, `retry.maxAttempts`. */
  field?: string;
  edgeKey?: string;
}

export interface ProblemIndex {
  problems: Problem[];
  /** Per node: its field errors (`''` for the node as a whole). */
  byNode: Map<string, Record<string, string>>;
  byEdge: Map<string, string>;
}

const NODE_PATH = /^nodes\[(\d+)\](?:\.?(.*))?$/;
const EDGE_PATH = /^edges\[(\d+)\]/;

/**
 * The engine's own checks (saved format, then graph and params: the same code the server
 * runs on publish), indexed by node and edge for the canvas, the problems list and the form.
 */
export function findProblems(definition: WorkflowDefinition, registry: StepRegistry): ProblemIndex {
  const shape = checkWorkflow(definition);
  const issues: ValidationIssue[] = shape.ok ? [] : [...shape.errors];
  const seen = new Set(issues.map((i) => `${i.path}\u0000${i.message}`));
  for (const issue of validateWorkflow(definition, registry).errors) {
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  const index: ProblemIndex = { problems: [], byNode: new Map(), byEdge: new Map() };
  for (const issue of issues) index.problems.push(locate(definition, issue, index));
  return index;
}

function locate(definition: WorkflowDefinition, issue: ValidationIssue, index: ProblemIndex) {
  const problem: Problem = { path: issue.path, message: issue.message };
  const nodeMatch = NODE_PATH.exec(issue.path);
  const node = nodeMatch ? definition.nodes[Number(nodeMatch[1])] : undefined;
  if (node) {
    const field = nodeMatch?.[2] ?? '';
    problem.nodeId = node.id;
    problem.where = nodeName(node);
    if (field) problem.field = field;
    const fields = index.byNode.get(node.id) ?? {};
    fields[field] ??= issue.message;
    index.byNode.set(node.id, fields);
    return problem;
  }
  const edgeMatch = EDGE_PATH.exec(issue.path);
  const edge = edgeMatch ? definition.edges[Number(edgeMatch[1])] : undefined;
  if (edge) {
    const key = edgeKey(edge);
    problem.edgeKey = key;
    problem.nodeId = edge.from;
    problem.where = `Connection ${edge.from} → ${edge.to}`;
    if (!index.byEdge.has(key)) index.byEdge.set(key, issue.message);
  }
  return problem;
}

/** The message to show on a node: the whole-node one first, else its first field's. */
export function firstIssue(fields: Record<string, string> | undefined): string | undefined {
  if (!fields) return undefined;
  return fields[''] ?? Object.values(fields)[0];
}
