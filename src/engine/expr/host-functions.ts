import type { ExpressionHost, ExpressionHostFunction, Secrets, StateStore } from '../ports';

export interface HostFunctionOptions {
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
 * The functions through which an expression reaches its caller. Every evaluator binds them
 * as they are, so they behave alike whether the expression runs in-process or elsewhere.
 * `$now()` is not among them: evaluators derive it from `$millis()`.
 */
export function expressionHost(options: HostFunctionOptions): ExpressionHost {
  const host: Record<string, ExpressionHostFunction> = {
    secret: (name) => readSecret(name, options),
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
