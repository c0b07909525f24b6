import type { FlagEvaluation } from '../flags/evaluate-flag';
import type { ExpressionHost, ExpressionHostFunction, Flags, Secrets, StateStore } from '../ports';

export interface HostFunctionOptions {
  /** Backs `$secret("name")`; without it the function reports that secrets are unavailable. */
  secrets?: Secrets;
  /** Told about every secret value read, so callers can mask it in outputs and logs. */
  onSecret?: (name: string, value: string) => void;
  /** Replace `$now()`/`$millis()`, which would otherwise read the wall clock. */
  now?: () => number;
  /** Replaces `$random()`, which would otherwise use Math.random. */
  random?: () => number;
  /** Backs `$flag("key", context)`. */
  flags?: Flags;
  /** Told about every flag evaluation, so the run can record the variant served. */
  onFlag?: (evaluation: FlagEvaluation) => void;
  /** Backs `$state`, `$setState` and `$incrementState`: the workflow's persistent state. */
  state?: StateStore;
}

/**
 * The functions through which an expression reaches its caller. Every evaluator binds them
 * as they are, so they behave alike whether the expression runs in-process or elsewhere.
 * `$now()` is not among them: evaluators derive it from `$millis()`.
 */
export function expressionHost(options: HostFunctionOptions): ExpressionHost {
  const host: Record<string, ExpressionHostFunction> = {
    secret: (name) => readSecret(name, options),
    flag: (key, context) => readFlag(key, context, options),
    state: (key) => store(options).get(stateKey(key, '$state')),
    setState: async (key, value) => {
      await store(options).set(stateKey(key, '$setState'), value);
      return value;
    },
    incrementState: (key, by = 1) => {
      if (typeof by !== 'number' || !Number.isFinite(by)) {
        throw new Error('$incrementState() adds a finite number');
      }
      return store(options).increment(stateKey(key, '$incrementState'), by);
    },
  };
  const { now, random } = options;
  if (now) host.millis = () => now();
  if (random) host.random = () => random();
  return host;
}

function stateKey(key: unknown, fn: string): string {
  if (typeof key !== 'string' || key === '' || key.length > 200) {
    throw new Error(`${fn}() needs a key (a string of 1 to 200 characters)`);
  }
  return key;
}

function store(options: HostFunctionOptions): StateStore {
  if (!options.state) throw new Error('Workflow state is not available here');
  return options.state;
}

async function readSecret(name: unknown, options: HostFunctionOptions): Promise<string> {
  if (typeof name !== 'string' || name === '') {
    throw new Error('$secret() needs a secret name (a non-empty string)');
  }
  if (!options.secrets) throw new Error(`Secrets are not available here (asked for "${name}")`);
  const value = await options.secrets.get(name);
  if (value === undefined) throw new Error(`Secret "${name}" is not defined`);
  options.onSecret?.(name, value);
  return value;
}

async function readFlag(
  key: unknown,
  context: unknown,
  options: HostFunctionOptions,
): Promise<unknown> {
  if (typeof key !== 'string' || key === '') {
    throw new Error('$flag() needs a flag key (a non-empty string)');
  }
  if (
    context !== undefined &&
    (context === null || typeof context !== 'object' || Array.isArray(context))
  ) {
    throw new Error(
      `$flag("${key}") takes an object as its context, e.g. { "targetingKey": input.customerId }`,
    );
  }
  if (!options.flags) throw new Error(`Flags are not available here (asked for "${key}")`);
  const evaluation = await options.flags.evaluate(key, (context ?? {}) as Record<string, unknown>);
  options.onFlag?.(evaluation);
  if (evaluation.reason === 'ERROR')
    throw new Error(`$flag("${key}"): ${evaluation.errorMessage ?? evaluation.errorCode}`);
  return evaluation.value;
}
