/**
 * What one workflow may take from the runtime. Each limit has a variable of the same name
 * in the environment (see env.ts), which error messages name so an operator knows what to
 * raise.
 */
export interface RuntimeLimits {
  /** How deep sub-workflow and for-each runs may nest; a run started by a trigger is 0. */
  maxRunDepth: number;
  /** The longest a runtime transaction may last, inline steps included. */
  transactionTimeoutMs: number;
  /** The longest one statement may run in the database. */
  statementTimeoutMs: number;
}

export const DEFAULT_RUNTIME_LIMITS: RuntimeLimits = {
  maxRunDepth: 10,
  transactionTimeoutMs: 30_000,
  statementTimeoutMs: 15_000,
};

export const RUNTIME_LIMIT_VARIABLES: Record<keyof RuntimeLimits, string> = {
  maxRunDepth: 'MINIFLOW_MAX_RUN_DEPTH',
  transactionTimeoutMs: 'MINIFLOW_TRANSACTION_TIMEOUT_MS',
  statementTimeoutMs: 'MINIFLOW_STATEMENT_TIMEOUT_MS',
};

export function runtimeLimits(overrides: Partial<RuntimeLimits> = {}): RuntimeLimits {
  const limits = { ...DEFAULT_RUNTIME_LIMITS };
  for (const key of Object.keys(overrides) as (keyof RuntimeLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
