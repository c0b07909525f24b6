import type { ExpressionContext } from './expr/context';
import type { FlagEvaluation } from './flags/evaluate-flag';

/**
 * What the engine asks of the world. The engine never reaches for the clock, randomness,
 * the network, storage or the environment directly: callers hand it these ports, so the
 * same code runs in the server, the worker, the CLI, the test runner and in unit tests.
 */

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text. */
  body: unknown;
}

export interface Http {
  request(req: HttpRequest, signal?: AbortSignal): Promise<HttpResponse>;
}

export interface SandboxLimits {
  /** CPU time the code may use. */
  timeoutMs: number;
  memoryMb: number;
  /** Largest result the code may return, in bytes of JSON; checked before it leaves the sandbox. */
  maxOutputBytes?: number;
  /** Stops the code at once (step timeout, run cancelled): it must not keep burning a CPU. */
  signal?: AbortSignal;
}

export interface Sandbox {
  /**
   * Runs untrusted JavaScript with `scope` as global variables (JSON values only) and
   * returns the code's JSON-serialisable result. Rejects with a clear message when the
   * code throws, runs out of time or memory; when the code threw, the error may carry a
   * `codeStack` string: the stack within the user's code. An error carries
   * `retryable: false` when running the same code again cannot succeed (invalid JavaScript,
   * a result over `maxOutputBytes`).
   */
  run(code: string, scope: Record<string, unknown>, limits: SandboxLimits): Promise<unknown>;
}

export interface Secrets {
  get(name: string): Promise<string | undefined>;
  /**
   * The headers an HTTP credential of the run's workspace adds to a request (header, bearer
   * or basic auth). Rejects when there is none of that name or it is not an HTTP credential.
   */
  httpHeaders?(credential: string): Promise<Record<string, string>>;
}

export interface DatabaseQuery {
  /** The name of a PostgreSQL or MySQL credential of the run's workspace. */
  credential: string;
  /** One statement with placeholders (`$1`… for PostgreSQL, `?` for MySQL). */
  sql: string;
  /** The placeholders' values, sent apart from the statement: never spliced into it. */
  params: unknown[];
  readOnly: boolean;
  timeoutMs: number;
  /** Rows kept at most; the rest are dropped and `truncated` says so. */
  maxRows: number;
}

export interface DatabaseResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** Rows the statement returned or changed (before the cap). */
  rowCount: number;
  truncated: boolean;
}

/** Queries databases through the workspace's credentials; only servers provide one. */
export interface Database {
  query(query: DatabaseQuery, signal?: AbortSignal): Promise<DatabaseResult>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Per-workflow persistent key-value state (`$state`). */
export interface StateStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /** Adds `by` to a numeric value (missing counts as 0) in one atomic step; returns the sum. */
  increment(key: string, by: number): Promise<number>;
}

/**
 * Waiting without blocking: step timeouts and the in-process driver's timers and retry
 * backoff. Kept apart from Clock so tests can run on virtual time.
 */
export interface Timer {
  /** Resolves after `ms`, or early (resolving, not rejecting) once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What a step's result cache holds for one key. */
export interface CachedStepResult {
  output: unknown;
  port?: string;
}

/** Results of one step of one workflow, by key (steps with `cache` set only). */
export interface StepCache {
  get(key: string): Promise<CachedStepResult | undefined>;
  set(key: string, result: CachedStepResult, ttlSeconds: number): Promise<void>;
}

/** A workspace's feature flags, as `$flag(key, context)` reads them. */
export interface Flags {
  evaluate(key: string, context: Record<string, unknown>): Promise<FlagEvaluation>;
}

/**
 * A function an expression calls back into its caller for, bound as `$<name>`: `$secret`, `$flag`,
 * `$state`, `$setState`, `$incrementState`, `$millis`, `$random`. Arguments and results are
 * JSON values.
 */
export type ExpressionHostFunction = (...args: unknown[]) => unknown;

export type ExpressionHost = Readonly<Record<string, ExpressionHostFunction>>;

/**
 * Evaluates user expressions (JSONata). The engine's default runs them in-process; a server
 * runs them where a hostile one cannot stall or crash it, bounded in time and memory.
 */
export interface ExpressionEvaluator {
  /**
   * The value of `source` over `context`, with `host` bound as extra functions. Rejects with
   * an ExpressionError naming the expression, and the limit when one was exceeded.
   */
  evaluate(source: string, context: ExpressionContext, host: ExpressionHost): Promise<unknown>;
}
