import type { Secrets, StateStore } from '../ports';
import { compileExpression } from './compile';
import type { ExpressionContext } from './context';
import { toExpressionError } from './expression-error';

export interface EvaluateOptions {
  /** Backs `$secret("name")`; without it the function reports that secrets are unavailable. */
  secrets?: Secrets;
  /** Told about every secret value read, so callers can mask it in outputs and logs. */
  onSecret?: (name: string, value: string) => void;
  /** Replace `$now()`/`$millis()`, which would otherwise read the wall clock. */
  now?: () => number;
  /** Replaces `$random()`, which would otherwise use Math.random. */
  random?: () => number;
  /** Backs `$state`, `$setState` and `$incrementState`: the workflow's persistent state. */
  state?: StateStore;
}

/**
 * Evaluates a JSONata expression over the context. JSONata interprets the expression, so it
 * reaches nothing but the context and the functions bound here.
 */
export async function evaluateExpression(
  source: string,
  context: ExpressionContext,
  options: EvaluateOptions = {},
): Promise<unknown> {
  const compiled = compileExpression(source);
  try {
    const result: unknown = await compiled.evaluate(context, bindingsFor(context, options));
    return plain(result);
  } catch (err) {
    throw toExpressionError(source, err);
  }
}

function bindingsFor(
  context: ExpressionContext,
  options: EvaluateOptions,
): Record<string, unknown> {
  const bindings: Record<string, unknown> = {
    input: context.input,
    steps: context.steps,
    vars: context.vars,
    run: context.run,
    secret: (name: unknown) => readSecret(name, options),
    state: (key: unknown) => store(options).get(stateKey(key, '$state')),
    setState: async (key: unknown, value: unknown) => {
      await store(options).set(stateKey(key, '$setState'), value);
      return value;
    },
    incrementState: (key: unknown, by: unknown = 1) => {
      if (typeof by !== 'number' || !Number.isFinite(by)) {
        throw new Error('$incrementState() adds a finite number');
      }
      return store(options).increment(stateKey(key, '$incrementState'), by);
    },
  };
  const { now, random } = options;
  if (now) {
    bindings.millis = () => now();
    bindings.now = (picture?: unknown, timezone?: unknown) => formatNow(now(), picture, timezone);
  }
  if (random) bindings.random = () => random();
  return bindings;
}

function stateKey(key: unknown, fn: string): string {
  if (typeof key !== 'string' || key === '' || key.length > 200) {
    throw new Error(`${fn}() needs a key (a string of 1 to 200 characters)`);
  }
  return key;
}

function store(options: EvaluateOptions): StateStore {
  if (!options.state) throw new Error('Workflow state is not available here');
  return options.state;
}

async function readSecret(name: unknown, options: EvaluateOptions): Promise<string> {
  if (typeof name !== 'string' || name === '') {
    throw new Error('$secret() needs a secret name (a non-empty string)');
  }
  if (!options.secrets) throw new Error(`Secrets are not available here (asked for "${name}")`);
  const value = await options.secrets.get(name);
  if (value === undefined) throw new Error(`Secret "${name}" is not defined`);
  options.onSecret?.(name, value);
  return value;
}

async function formatNow(ms: number, picture: unknown, timezone: unknown): Promise<unknown> {
  if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
  // Reuse JSONata's own picture formatting rather than re-implementing it.
  const format = compileExpression('$fromMillis($ms, $picture, $timezone)');
  return format.evaluate({}, { ms, picture, timezone });
}

/** JSONata marks result sequences with extra array props; callers want plain arrays. */
function plain(value: unknown): unknown {
  if (Array.isArray(value) && 'sequence' in value) return Array.from(value);
  return value;
}
