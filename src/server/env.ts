import os from 'node:os';
import { z } from 'zod';

/** An unset variable and an empty one (`X=` in a compose file) mean the same: the default. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

// Issues are reported as `<VARIABLE>: <message>`, so messages need not repeat the name.
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const flag = () =>
  z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

const MB = 1024 * 1024;

/**
 * Steps a worker runs at once unless told otherwise: two per core. Code steps are limited
 * by the CPU time they use, not by the wall clock, so more steps than cores share the CPU
 * fairly; waiting steps (HTTP, webhooks) keep a slot without using a core.
 */
export function defaultWorkerConcurrency(cores: number = os.availableParallelism()): number {
  return Math.min(64, Math.max(2, cores * 2));
}

const metricsEnvShape = {
  MINIFLOW_METRICS_TOKEN: unsetIfEmpty(
    z
      .string()
      .min(16, 'must be at least 16 characters')
      .regex(/^\S+$/, 'must not contain spaces')
      .optional(),
  ),
};

/** What one workflow may take from the runtime (see runtime-limits.ts for the defaults). */
const runtimeLimitsEnvShape = {
  MINIFLOW_MAX_RUN_DEPTH: unsetIfEmpty(wholeNumber(1, 100).optional()),
  MINIFLOW_TRANSACTION_TIMEOUT_MS: unsetIfEmpty(wholeNumber(1_000, 600_000).optional()),
  MINIFLOW_STATEMENT_TIMEOUT_MS: unsetIfEmpty(wholeNumber(100, 600_000).optional()),
};

/** Default quotas of every workspace (an instance admin may set others per workspace). */
const quotaEnvShape = {
  MINIFLOW_QUOTA_RUNS_PER_MONTH: unsetIfEmpty(wholeNumber(0, 2_000_000_000).optional()),
  MINIFLOW_QUOTA_ACTIVE_RUNS: unsetIfEmpty(wholeNumber(0, 10_000_000).optional()),
  MINIFLOW_QUOTA_STORED_BYTES: unsetIfEmpty(wholeNumber(0, 1e15).optional()),
  MINIFLOW_QUOTA_WORKFLOWS: unsetIfEmpty(wholeNumber(0, 10_000_000).optional()),
  MINIFLOW_QUOTA_FAST_SCHEDULES: unsetIfEmpty(wholeNumber(0, 10_000_000).optional()),
};

/** Rate limits of API keys (every request) and of signed-in users (changes only). */
const rateEnvShape = {
  MINIFLOW_API_KEY_RATE_PER_SECOND: unsetIfEmpty(wholeNumber(1, 100_000).default(50)),
  MINIFLOW_API_KEY_BURST: unsetIfEmpty(wholeNumber(1, 100_000).default(200)),
  MINIFLOW_USER_MUTATION_RATE_PER_SECOND: unsetIfEmpty(wholeNumber(1, 100_000).default(20)),
  MINIFLOW_USER_MUTATION_BURST: unsetIfEmpty(wholeNumber(1, 100_000).default(200)),
};

/** Limits of expression evaluation (see src/server/expr), in every process that runs steps. */
const expressionEnvShape = {
  MINIFLOW_EXPRESSION_TIMEOUT_MS: unsetIfEmpty(wholeNumber(10, 60_000).default(1_000)),
  MINIFLOW_EXPRESSION_MEMORY_MB: unsetIfEmpty(wholeNumber(16, 4_096).default(64)),
};

/** Where MiniFlow runs and who owns it: read by `npm start` before anything else. */
const startEnvShape = {
  PORT: unsetIfEmpty(wholeNumber(0, 65535).default(3000)),
  MINIFLOW_DATA_DIR: unsetIfEmpty(z.string().default('.miniflow')),
  MINIFLOW_ADMIN_EMAIL: unsetIfEmpty(z.email({ error: 'must be an email address' }).optional()),
  MINIFLOW_ADMIN_PASSWORD: unsetIfEmpty(z.string().optional()),
  MINIFLOW_WORKER_CONCURRENCY: unsetIfEmpty(
    wholeNumber(0, 256).default(() => defaultWorkerConcurrency()),
  ),
  /** Serve the web app only: no worker and no scheduler in this process. */
  MINIFLOW_WEB_ONLY: unsetIfEmpty(flag().default(false)),
  /** How long a stop waits for requests and steps in flight before handing them back. */
  MINIFLOW_SHUTDOWN_GRACE_MS: unsetIfEmpty(wholeNumber(0, 600_000).default(30_000)),
  /**
   * How long a stopping process keeps taking new requests after its readiness check turned
   * false, so a load balancer stops sending before the listener closes.
   */
  MINIFLOW_DRAIN_DELAY_MS: unsetIfEmpty(wholeNumber(0, 600_000).default(0)),
  /** Where browsers load the built assets from (a CDN); read by next.config.mjs at build. */
  MINIFLOW_ASSET_PREFIX: unsetIfEmpty(
    z.url({ error: 'must be a URL such as https://cdn.example.com' }).optional(),
  ),
  /** How many proxies in front of MiniFlow add X-Forwarded-* headers (client-address.ts). */
  MINIFLOW_TRUSTED_PROXIES: unsetIfEmpty(wholeNumber(0, 99).default(0)),
};

/** How the runtime treats workflows: every process that runs steps reads these. */
const runtimeEnvShape = {
  MINIFLOW_ALLOW_PRIVATE_NETWORK: unsetIfEmpty(flag().default(false)),
  MINIFLOW_STEP_OUTPUT_MAX_BYTES: unsetIfEmpty(wholeNumber(1024, 64 * MB).default(MB)),
  /** Bytes of cached step results a workspace may hold; the oldest entries are evicted. */
  MINIFLOW_STEP_CACHE_MAX_BYTES: unsetIfEmpty(wholeNumber(0, 4096 * MB).default(64 * MB)),
};

const masterKey = () =>
  z
    .string()
    .regex(
      /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/,
      'must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)',
    );

/**
 * The master key that wraps credentials' data keys. Unset: one is generated into the data
 * folder (see server/secrets/master-keyring.ts). The previous keys are read while
 * `miniflow keys rotate` re-wraps the data keys under the current one.
 */
const masterKeyEnvShape = {
  MINIFLOW_MASTER_KEY: unsetIfEmpty(masterKey().optional()),
  MINIFLOW_MASTER_KEY_PREVIOUS: unsetIfEmpty(
    z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(masterKey()))
      .optional(),
  ),
};

/** Bounds on what callers may send the web app. */
const requestEnvShape = {
  MINIFLOW_WEBHOOK_WAIT_MS: unsetIfEmpty(wholeNumber(0, 600_000).default(30_000)),
  MINIFLOW_WEBHOOK_MAX_BYTES: unsetIfEmpty(wholeNumber(1, 100 * MB).default(MB)),
  MINIFLOW_API_MAX_BODY_BYTES: unsetIfEmpty(wholeNumber(1024, 100 * MB).default(MB)),
  MINIFLOW_API_MAX_BATCH: unsetIfEmpty(wholeNumber(1, 1000).default(20)),
};

/** What one web server gives its clients (see server/http/web-server.ts). */
const floodEnvShape = {
  MINIFLOW_HTTP_HEADERS_TIMEOUT_MS: unsetIfEmpty(wholeNumber(1_000, 600_000).default(10_000)),
  MINIFLOW_HTTP_REQUEST_TIMEOUT_MS: unsetIfEmpty(wholeNumber(1_000, 3_600_000).default(60_000)),
  MINIFLOW_HTTP_KEEP_ALIVE_TIMEOUT_MS: unsetIfEmpty(wholeNumber(100, 600_000).default(5_000)),
  MINIFLOW_HTTP_MAX_CONNECTIONS: unsetIfEmpty(wholeNumber(1, 1_000_000).default(1_000)),
  /** Webhook requests of one workspace waiting for their runs at once, per web process. */
  MINIFLOW_WEBHOOK_MAX_WAITING: unsetIfEmpty(wholeNumber(0, 100_000).default(100)),
};

/** Problems no single variable shows: Node refuses a header timeout past the request's. */
function crossFieldProblems(config: z.infer<typeof envSchema>): string[] {
  return config.MINIFLOW_HTTP_HEADERS_TIMEOUT_MS > config.MINIFLOW_HTTP_REQUEST_TIMEOUT_MS
    ? [
        `MINIFLOW_HTTP_HEADERS_TIMEOUT_MS: must be at most MINIFLOW_HTTP_REQUEST_TIMEOUT_MS ` +
          `(${config.MINIFLOW_HTTP_REQUEST_TIMEOUT_MS})`,
      ]
    : [];
}

/**
 * The environment of every MiniFlow process, validated by one schema. DATABASE_URL and
 * AUTH_SECRET are optional here because `npm start` provides them itself when unset; the
 * functions below require them where they are needed.
 */
const envSchema = z.object({
  NODE_ENV: unsetIfEmpty(z.enum(['development', 'test', 'production']).default('production')),
  DATABASE_URL: unsetIfEmpty(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
  ),
  AUTH_SECRET: unsetIfEmpty(z.string().min(32, 'must be at least 32 characters').optional()),
  /** The public URL when it differs from what clients send (see the README). */
  AUTH_URL: unsetIfEmpty(
    z.url({ error: 'must be a URL such as https://miniflow.example.com' }).optional(),
  ),
  MINIFLOW_LOG_LEVEL: unsetIfEmpty(
    z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], {
        error: 'must be trace, debug, info, warn, error, fatal or silent',
      })
      .default('info'),
  ),
  MINIFLOW_LOG_FORMAT: unsetIfEmpty(
    z.enum(['auto', 'json', 'pretty'], { error: 'must be auto, json or pretty' }).default('auto'),
  ),
  MINIFLOW_DB_POOL_SIZE: unsetIfEmpty(wholeNumber(1, 200).default(10)),
  // Set by npm for scripts it runs; a worker started otherwise reports the default.
  npm_package_version: unsetIfEmpty(z.string().default('0.1.0')),
  ...metricsEnvShape,
  // Required where audit events are written (auditEnv); checked for shape everywhere.
  MINIFLOW_AUDIT_KEY: unsetIfEmpty(z.string().min(32, 'must be at least 32 characters').optional()),
  ...masterKeyEnvShape,
  ...startEnvShape,
  ...runtimeEnvShape,
  ...runtimeLimitsEnvShape,
  ...quotaEnvShape,
  ...rateEnvShape,
  ...expressionEnvShape,
  ...requestEnvShape,
  ...floodEnvShape,
});

export type ProcessEnv = z.infer<typeof envSchema>;

/** The web app's environment: the database and the session secret are required. */
export type Env = ProcessEnv & { DATABASE_URL: string; AUTH_SECRET: string };

/** A variable is missing or malformed; the message names each one. */
export class InvalidEnvironmentError extends Error {
  constructor(problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

function parse(source: Readonly<Record<string, string | undefined>>): ProcessEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new InvalidEnvironmentError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  const problems = crossFieldProblems(parsed.data);
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return parsed.data;
}

let cached: ProcessEnv | undefined;

/**
 * The validated environment of this process. Read lazily, on first use, so that `next build`
 * and the CLI can import server modules without a database configured; a malformed variable
 * fails with its name.
 */
export function processEnv(): ProcessEnv {
  cached ??= parse(process.env);
  return cached;
}

/**
 * Checks the whole environment now, without remembering it, so that a process fails at start
 * (naming the variable) rather than on the first request. `npm start` calls it before it sets
 * DATABASE_URL and AUTH_SECRET itself.
 */
export function checkEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ProcessEnv {
  return parse(source);
}

export function env(): Env {
  let current = processEnv();
  // `npm start` provides these itself, after this process has first read its configuration.
  if (!current.DATABASE_URL || !current.AUTH_SECRET) current = cached = parse(process.env);
  const missing = [
    current.DATABASE_URL
      ? undefined
      : 'DATABASE_URL: required (npm start sets it for embedded PostgreSQL)',
    current.AUTH_SECRET ? undefined : 'AUTH_SECRET: required (npm start generates one)',
  ].filter((problem) => problem !== undefined);
  if (missing.length > 0) throw new InvalidEnvironmentError(missing);
  return current as Env;
}

/** The environment of `miniflow worker`: no web app, so no session secret. */
export function workerEnv(): ProcessEnv & { DATABASE_URL: string } {
  const current = processEnv();
  if (!current.DATABASE_URL) {
    throw new InvalidEnvironmentError(['DATABASE_URL: set it to the PostgreSQL MiniFlow uses']);
  }
  return current as ProcessEnv & { DATABASE_URL: string };
}

export const SECRET_ENV_PREFIX = 'MINIFLOW_SECRET_';

/**
 * The MINIFLOW_SECRET_<NAME> variables. Their names are chosen by users, so they are found by
 * prefix rather than declared in the schema; read on each call, so a secret set after start is
 * seen (and masked) too.
 */
export function secretVariables(): Readonly<Record<string, string | undefined>> {
  const found: Record<string, string | undefined> = {};
  for (const key in process.env) {
    if (key.startsWith(SECRET_ENV_PREFIX)) found[key] = process.env[key];
  }
  return found;
}

/**
 * The runtime limits this process's environment sets, as the runtime takes them; unset ones
 * keep the runtime's defaults (runtime-limits.ts).
 */
export function runtimeLimitsEnv(): {
  maxRunDepth?: number;
  transactionTimeoutMs?: number;
  statementTimeoutMs?: number;
} {
  const e = processEnv();
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

/**
 * The expression limits alone, from `source` (this process's environment by default): the
 * web app, `miniflow worker` and the CLI all evaluate expressions.
 */
export function expressionEnv(source: Readonly<Record<string, string | undefined>> = process.env): {
  MINIFLOW_EXPRESSION_TIMEOUT_MS: number;
  MINIFLOW_EXPRESSION_MEMORY_MB: number;
} {
  const parsed = z.object(expressionEnvShape).safeParse(source);
  if (!parsed.success) {
    throw new InvalidEnvironmentError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}

/**
 * The key of the audit chain's HMAC (see server/audit), for every process that records or
 * verifies audit events. `npm start` generates one into the data folder's config.json.
 */
export function auditEnv(source: Readonly<Record<string, string | undefined>> = process.env): {
  MINIFLOW_AUDIT_KEY: string;
} {
  const parsed = z
    .object({
      MINIFLOW_AUDIT_KEY: unsetIfEmpty(
        z
          .string({ error: 'required (npm start generates one)' })
          .min(32, 'must be at least 32 characters'),
      ),
    })
    .safeParse(source);
  if (!parsed.success) {
    throw new InvalidEnvironmentError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
