import { z } from 'zod';

const metricsEnvShape = {
  // Empty counts as unset: `MINIFLOW_METRICS_TOKEN=` in a compose file must not lock out.
  MINIFLOW_METRICS_TOKEN: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .min(16, 'MINIFLOW_METRICS_TOKEN must be at least 16 characters')
      .regex(/^\S+$/, 'MINIFLOW_METRICS_TOKEN must not contain spaces')
      .optional(),
  ),
};

const positiveInt = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .optional();

/** What one workflow may take from the runtime (see runtime-limits.ts for the defaults). */
const runtimeLimitsEnvShape = {
  MINIFLOW_MAX_RUN_DEPTH: positiveInt('MINIFLOW_MAX_RUN_DEPTH', 1, 100),
  MINIFLOW_TRANSACTION_TIMEOUT_MS: positiveInt('MINIFLOW_TRANSACTION_TIMEOUT_MS', 1_000, 600_000),
  MINIFLOW_STATEMENT_TIMEOUT_MS: positiveInt('MINIFLOW_STATEMENT_TIMEOUT_MS', 100, 600_000),
};

/**
 * The environment, validated once by one schema. Read lazily so that `next build` and
 * the CLI can import server modules without a database configured; the first use of a
 * missing or malformed variable fails with its name.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required (npm start sets it for embedded PostgreSQL)' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  AUTH_SECRET: z
    .string({ error: 'AUTH_SECRET is required (npm start generates one)' })
    .min(32, 'AUTH_SECRET must be at least 32 characters'),
  MINIFLOW_LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
    .default('info'),
  MINIFLOW_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ...metricsEnvShape,
  ...runtimeLimitsEnvShape,
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The metrics variables alone, for processes that have no web app and so none of its
 * required variables (`miniflow worker`).
 */
export function metricsEnv(): { MINIFLOW_METRICS_TOKEN?: string | undefined } {
  const parsed = z.object(metricsEnvShape).safeParse(process.env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  }
  return parsed.data;
}

/**
 * The key of the audit chain's HMAC (see server/audit), for every process that records or
 * verifies audit events. `npm start` generates one into the data folder's config.json.
 */
const auditEnvShape = {
  MINIFLOW_AUDIT_KEY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string({ error: 'MINIFLOW_AUDIT_KEY is required (npm start generates one)' })
      .min(32, 'MINIFLOW_AUDIT_KEY must be at least 32 characters'),
  ),
};

export function auditEnv(source: Record<string, string | undefined> = process.env): {
  MINIFLOW_AUDIT_KEY: string;
} {
  const parsed = z.object(auditEnvShape).safeParse(source);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  }
  return parsed.data;
}

/**
 * The runtime limits alone, for every process that runs workflows (web, `miniflow worker`),
 * as the runtime takes them.
 */
export function runtimeLimitsEnv(): {
  maxRunDepth?: number;
  transactionTimeoutMs?: number;
  statementTimeoutMs?: number;
} {
  const parsed = z.object(runtimeLimitsEnvShape).safeParse(process.env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  }
  const e = parsed.data;
  return {
    ...(e.MINIFLOW_MAX_RUN_DEPTH === undefined ? {} : { maxRunDepth: e.MINIFLOW_MAX_RUN_DEPTH }),
    ...(e.MINIFLOW_TRANSACTION_TIMEOUT_MS === undefined
      ? {}
      : { transactionTimeoutMs: e.MINIFLOW_TRANSACTION_TIMEOUT_MS }),
    ...(e.MINIFLOW_STATEMENT_TIMEOUT_MS === undefined
      ? {}
      : { statementTimeoutMs: e.MINIFLOW_STATEMENT_TIMEOUT_MS }),
  };
}
