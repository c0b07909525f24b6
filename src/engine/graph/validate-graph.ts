import { joinPath } from '../definition/path';
import { ERROR_PORT, type WorkflowDefinition } from '../definition/workflow.schema';
import { checkParamExpressions } from '../expr/check-params';
import { hasTemplate } from '../expr/template';
import type { StepRegistry, StepType } from '../steps/step-type';
import { reachableFrom } from './reachable';
import { topologicalOrder } from './topo';

export interface ValidationIssue {
  /** Where the problem is, e.g. `nodes[3].params.url` or `edges[2].to`. */
  path: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: ValidationIssue[];
}

/** Step types that start child runs and so need the workflow they run. */
export const CHILD_WORKFLOW_TYPES: ReadonlySet<string> = new Set(['forEach', 'subWorkflow']);

/**
 * Everything wrong with a workflow, all at once, so the designer can mark every field in one
 * pass. Runs in the browser too: only pure code here.
 */
export function validateWorkflow(
  definition: WorkflowDefinition,
  registry: StepRegistry,
): ValidationResult {
  const errors: ValidationIssue[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const ports = new Map<string, string[] | undefined>();

  const firstIndex = new Map<string, number>();
  const triggers: number[] = [];
  definition.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    const previous = firstIndex.get(node.id);
    if (previous === undefined) firstIndex.set(node.id, i);
    else add(`${at}.id`, `Duplicate node id "${node.id}" (also nodes[${previous}])`);

    const type = registry.get(node.type);
    if (!type) {
      add(`${at}.type`, `Unknown step type "${node.type}"`);
    } else {
      if (type.trigger) triggers.push(i);
      const parsed = checkParams(type, node.params, `${at}.params`, add);
      if (!ports.has(node.id)) ports.set(node.id, portsOf(type, parsed ?? node.params));
      if (CHILD_WORKFLOW_TYPES.has(node.type) && !isNonEmptyString(node.params.workflowId)) {
        const path = `${at}.params.workflowId`;
        if (!errors.some((e) => e.path === path)) add(path, 'Choose the workflow to run');
      }
    }
    for (const issue of checkParamExpressions(node.params, type?.paramKinds)) {
      add(joinPath(`${at}.params`, issue.path), issue.message);
    }
  });

  const triggerIds = new Set(triggers.map((i) => definition.nodes[i]?.id));
  definition.edges.forEach((edge, k) => {
    const at = `edges[${k}]`;
    const from = firstIndex.get(edge.from);
    const to = firstIndex.get(edge.to);
    if (from === undefined) add(`${at}.from`, `Edge starts at unknown node "${edge.from}"`);
    if (to === undefined) add(`${at}.to`, `Edge ends at unknown node "${edge.to}"`);
    if (triggerIds.has(edge.to)) add(`${at}.to`, `A trigger cannot have incoming edges`);
    if (from === undefined) return;
    const port = edge.fromPort ?? 'out';
    const node = definition.nodes[from];
    if (port === ERROR_PORT) {
      if (node?.onError !== 'errorPort') {
        add(`${at}.fromPort`, `The "error" port needs onError "errorPort" on "${edge.from}"`);
      }
      return;
    }
    const known = ports.get(edge.from);
    if (known && !known.includes(port)) {
      add(`${at}.fromPort`, `"${edge.from}" has no port "${port}" (ports: ${known.join(', ')})`);
    }
  });

  if (triggers.length === 0 && definition.nodes.length > 0) {
    add('nodes', 'The workflow needs a trigger');
  }
  for (const extra of triggers.slice(1)) {
    add(`nodes[${extra}].type`, 'A workflow has exactly one trigger');
  }

  const topo = topologicalOrder(definition);
  if (!topo.ok) add('edges', `The workflow has a cycle: ${topo.cycle.join(' -> ')}`);

  if (triggers.length > 0) {
    const triggerList = [...triggerIds].filter((id): id is string => id !== undefined);
    const reachable = reachableFrom(definition, triggerList);
    definition.nodes.forEach((node, i) => {
      if (!reachable.has(node.id) && firstIndex.get(node.id) === i) {
        add(`nodes[${i}]`, `"${node.id}" is not reachable from the trigger`);
      }
    });
  }

  return { ok: errors.length === 0, errors };
}

/**
 * Runs the step's params schema. Values that are templates cannot be typed before the run,
 * so issues inside them are left to the run (params are validated again once resolved).
 */
function checkParams(
  type: StepType,
  params: Record<string, unknown>,
  at: string,
  add: (path: string, message: string) => void,
): unknown {
  const result = type.params.safeParse(params);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // Nested expressions are never template-resolved: their schema's verdict holds as
    // written (top-level expressions are checked by checkParamExpressions below).
    const nested = type.paramKinds?.[String(issue.path[0])] === 'nestedExpressions';
    if (nested || !touchesTemplate(params, issue.path)) {
      add(joinPath(at, issue.path), paramMessage(issue, params));
    }
  }
  return undefined;
}

/** Zod's wording for a missing value ("expected string, received undefined") reads as a fault. */
function paramMessage(
  issue: { code: string; message: string; path: PropertyKey[] },
  params: unknown,
) {
  return issue.code === 'invalid_type' && valueAt(params, issue.path) === undefined
    ? 'This field is required'
    : issue.message;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function touchesTemplate(params: unknown, path: readonly PropertyKey[]): boolean {
  let value: unknown = params;
  for (const key of path) {
    if (typeof value === 'string') break;
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return typeof value === 'string' && hasTemplate(value);
}

function portsOf(type: StepType, params: unknown): string[] | undefined {
  try {
    return type.ports(params);
  } catch {
    // Params too broken to name ports; the params issues already say why.
    return undefined;
  }
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
