import { compileExpression, type ExpressionContext } from '@/engine';
import { LruCache } from '@/engine/expr/lru';

/**
 * The outputs of earlier steps an evaluator process needs for `source`: those whose id the
 * expression names (as a path step or a string, e.g. `$lookup(steps, "x")`). A guess, not
 * an analysis: the process is told which ids were left out, and asks for the whole context
 * when the expression touches one of them or lists the steps, then evaluates again.
 * Evaluating twice is harmless unless the expression writes state, so such an expression
 * always gets every output.
 */
export function stepsToSend(
  source: string,
  steps: ExpressionContext['steps'],
): { steps: ExpressionContext['steps']; omitted: string[] } {
  const ids = Object.keys(steps);
  const names = namesIn(source);
  if (ids.length === 0 || names === undefined) return { steps, omitted: [] };
  const omitted = ids.filter((id) => !names.has(id));
  if (omitted.length === 0) return { steps, omitted };
  const sent: ExpressionContext['steps'] = {};
  for (const id of ids) if (names.has(id)) sent[id] = steps[id];
  return { steps: sent, omitted };
}

const WRITES_STATE = /setState|incrementState/;

const cache = new LruCache<string, Set<string> | null>(2_000);

/** Every name and string in the expression; undefined when it writes state or fails to parse. */
function namesIn(source: string): Set<string> | undefined {
  const hit = cache.get(source);
  if (hit !== undefined) return hit ?? undefined;
  let names: Set<string> | null = null;
  if (!WRITES_STATE.test(source)) {
    try {
      names = new Set();
      collect(compileExpression(source).ast(), names);
    } catch {
      names = null;
    }
  }
  cache.set(source, names);
  return names ?? undefined;
}

function collect(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, names);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const { type, value } = node as { type?: unknown; value?: unknown };
  if ((type === 'name' || type === 'string') && typeof value === 'string') names.add(value);
  for (const child of Object.values(node)) {
    if (child !== null && typeof child === 'object') collect(child, names);
  }
}
