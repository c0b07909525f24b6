import { compileExpression } from './compile';
import { LruCache } from './lru';

/**
 * Whether an expression's cost is bounded by the size of the data it reads: literals,
 * paths into the context (filters included), comparisons, arithmetic, logic, conditions and
 * array or object constructors. It calls no function, builds no string, loops over no range
 * and matches no regular expression, so it can neither stall nor blow up memory, and a
 * caller may evaluate it in-process instead of paying for an isolated evaluation.
 * Unparsable expressions are not cheap: the isolated evaluator reports their error.
 */
export function isCheapExpression(source: string): boolean {
  const hit = verdicts.get(source);
  if (hit !== undefined) return hit;
  let verdict: boolean;
  try {
    verdict = cheap(compileExpression(source).ast() as Node, {
      references: MAX_REFERENCES,
      inFilter: false,
    });
  } catch {
    verdict = false;
  }
  verdicts.set(source, verdict);
  return verdict;
}

/**
 * Each reference may hand the whole of a (large) value to the result, which is serialised
 * later: a few copies of the input are fine, a thousand are not.
 */
const MAX_REFERENCES = 8;

const verdicts = new LruCache<string, boolean>(2_000);

interface Node {
  type: string;
  value?: unknown;
  steps?: Node[];
  stages?: Node[];
  expr?: Node;
  expression?: Node;
  expressions?: Node[];
  lhs?: Node | Node[][];
  rhs?: Node;
  condition?: Node;
  then?: Node;
  else?: Node;
  [other: string]: unknown;
}

/** Binary operators whose result is a number, a boolean or one of their operands. */
const OPERATORS = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'in',
]);
/** Anything else on a path (grouping, parent lookups) or a step (sorting, positional binding)
 * does more than select. */
const PATH_KEYS = new Set(['type', 'steps', 'keepSingletonArray', 'position']);
const STEP_KEYS = new Set(['type', 'value', 'position', 'stages', 'keepArray']);

interface Walk {
  references: number;
  /**
   * Inside a filter, which runs once per item: only the item itself may be read there, or a
   * filter over a large array that reads the array again would cost its square.
   */
  inFilter: boolean;
}

function cheap(node: Node, walk: Walk): boolean {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
      return true;
    case 'variable':
      return (!walk.inFilter || node.value === '') && reference(walk);
    case 'path':
      return path(node, walk);
    case 'binary':
      return (
        OPERATORS.has(String(node.value)) &&
        isNode(node.lhs) &&
        cheap(node.lhs, walk) &&
        node.rhs !== undefined &&
        cheap(node.rhs, walk)
      );
    case 'condition':
      return [node.condition, node.then, node.else].every(
        (part) => part === undefined || cheap(part, walk),
      );
    case 'block':
      return (node.expressions ?? []).every((part) => cheap(part, walk));
    case 'unary':
      return unary(node, walk);
    default:
      return false;
  }
}

function path(node: Node, walk: Walk): boolean {
  if (!Object.keys(node).every((key) => PATH_KEYS.has(key)) || !reference(walk)) return false;
  const steps = node.steps ?? [];
  return steps.every((step, i) => {
    if (!Object.keys(step).every((key) => STEP_KEYS.has(key))) return false;
    const selects =
      step.type === 'name' ||
      step.type === 'string' ||
      step.type === 'number' ||
      (i === 0 && step.type === 'variable' && (!walk.inFilter || step.value === ''));
    return selects && (step.stages ?? []).every((stage) => filter(stage, walk));
  });
}

function filter(stage: Node, walk: Walk): boolean {
  if (stage.type !== 'filter' || stage.expr === undefined) return false;
  return cheap(stage.expr, { ...walk, inFilter: true });
}

function unary(node: Node, walk: Walk): boolean {
  if (node.value === '-') return node.expression !== undefined && cheap(node.expression, walk);
  if (node.value === '[') return (node.expressions ?? []).every((part) => cheap(part, walk));
  if (node.value === '{' && Array.isArray(node.lhs)) {
    return node.lhs.every((pair) => pair.every((part) => cheap(part, walk)));
  }
  return false;
}

function reference(walk: Walk): boolean {
  walk.references -= 1;
  return walk.references >= 0;
}

function isNode(value: Node | Node[][] | undefined): value is Node {
  return value !== undefined && !Array.isArray(value);
}
