import type { WorkflowNode } from '../definition/workflow.schema';
import { formatPath } from '../definition/path';
import type { ExpressionContext } from '../expr/context';
import { evaluateExpression, type EvaluateOptions } from '../expr/evaluate';
import { EXPRESSION_LIMIT_CODES, ExpressionError } from '../expr/expression-error';
import { previousOutput } from '../expr/previous-output';
import { resolveParams, resolveTemplate } from '../expr/resolve-params';
import { stableJson } from '../expr/stable-json';
import {
  DEFAULT_MAX_OUTPUT_BYTES,
  formatByteLimit,
  OUTPUT_LIMIT_VARIABLE,
  outputTooLargeMessage,
  utf8Length,
} from '../steps/output-size';
import type {
  Clock,
  Database,
  ExpressionEvaluator,
  Flags,
  Http,
  Logger,
  Random,
  Sandbox,
  Secrets,
  StateStore,
  StepCache,
  Timer,
} from '../ports';
import {
  StepError,
  type StepContext,
  type StepRegistry,
  type StepResult,
} from '../steps/step-type';
import type { StepEvent } from './events';
import type { StepErrorInfo } from './run-state';

/**
 * The world as a step sees it. `timer` enables in-step timeouts; `random` backs `$random()`;
 * `expressions` evaluates the step's expressions (in-process when absent).
 */
export interface StepPorts {
  clock: Clock;
  http: Http;
  sandbox: Sandbox;
  secrets: Secrets;
  logger: Logger;
  state: StateStore;
  /** Database steps need one; without it they fail saying so. */
  database?: Database;
  timer?: Timer;
  random?: Random;
  expressions?: ExpressionEvaluator;
  /** Backs `$flag()`; without it expressions that read a flag fail. */
  flags?: Flags;
  /** Results of steps with `cache` set; only those steps ever reach it. */
  stepCache?: StepCache;
  /** Largest output or error a step may store, in bytes of JSON (default 1 MB). */
  maxOutputBytes?: number;
}

export interface RunStepOptions {
  registry: StepRegistry;
  node: WorkflowNode;
  attempt: number;
  run: { id: string; workflowId: string; attempt: number };
  input: unknown;
  /** Outputs of the steps finished so far, by id. */
  steps: Record<string, unknown>;
  /** Outputs of this node's direct predecessors that ran, by id. */
  predecessors: Record<string, unknown>;
  vars: Record<string, unknown>;
  ports: StepPorts;
  /** Aborts the attempt from outside (run cancelled, engine-side timeout). */
  signal?: AbortSignal;
  /** Told about every secret an expression reads, for masking. */
  onSecret?: (name: string, value: string) => void;
  /** Told the params as resolved for this attempt, for the step's record. */
  onParams?: (params: unknown) => void;
  /** Told when the result came from the step cache, so the attempt's record says so. */
  onCacheHit?: () => void;
}

/**
 * Executes one attempt of one node and reports it as the event `advance` expects. Never
 * throws: whatever goes wrong becomes a `stepFailed` with a message a user can act on.
 */
export async function runStep(options: RunStepOptions): Promise<StepEvent> {
  const { node, attempt } = options;
  const base = { nodeId: node.id, attempt };
  const abort = attemptSignal(options);
  try {
    const work = execute(options, abort.signal);
    // Racing the timeout cuts off a step that ignores its signal.
    const result = await (abort.aborted ? Promise.race([work, abort.aborted]) : work);
    if ('suspend' in result) return { type: 'stepSuspended', ...base, suspension: result.suspend };
    checkOutputSize(result.output, maxOutputBytes(options));
    const port = result.port;
    return { type: 'stepSucceeded', ...base, output: result.output, ...(port ? { port } : {}) };
  } catch (err) {
    return {
      type: 'stepFailed',
      ...base,
      error: capError(describeError(err), maxOutputBytes(options)),
    };
  } finally {
    abort.dispose();
  }
}

async function execute(options: RunStepOptions, signal: AbortSignal): Promise<StepResult> {
  const { node, registry, ports } = options;
  const type = registry.get(node.type);
  if (!type) throw new StepError(`Unknown step type "${node.type}"`, { retryable: false });
  const prev = previousOutput(options.predecessors);
  const context: ExpressionContext = {
    input: options.input,
    ...(prev === undefined ? {} : { prev }),
    steps: options.steps,
    vars: options.vars,
    run: options.run,
  };
  const clock = ports.clock;
  const random = ports.random;
  const evalOptions: EvaluateOptions = {
    secrets: ports.secrets,
    state: ports.state,
    now: () => clock.now(),
    ...(random ? { random: () => random.next() } : {}),
    ...(options.onSecret ? { onSecret: options.onSecret } : {}),
    ...(ports.flags ? { flags: ports.flags } : {}),
    ...(ports.expressions ? { evaluator: ports.expressions } : {}),
  };
  const cache = node.cache && ports.stepCache;
  // A key template is resolved before the params, so a hit skips their expressions too.
  let cacheKey =
    cache && node.cache!.key !== undefined
      ? stableJson(await resolveTemplate(node.cache!.key, context, evalOptions))
      : undefined;
  const cached = cacheKey === undefined ? undefined : await cache!.get(cacheKey);
  if (cached) return fromCache(options, cached);
  const resolved = await resolveParams(node.params, type.paramKinds, context, evalOptions);
  options.onParams?.(resolved);
  if (cache && cacheKey === undefined) {
    cacheKey = stableJson(resolved);
    const hit = await cache.get(cacheKey);
    if (hit) return fromCache(options, hit);
  }
  const parsed = type.params.safeParse(resolved);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${formatPath(['params', ...issue.path])}: ${issue.message}`)
      .join('; ');
    throw new StepError(`Invalid params for "${node.id}": ${detail}`, { retryable: false });
  }
  const ctx: StepContext = {
    run: options.run,
    nodeId: node.id,
    attempt: options.attempt,
    input: options.input,
    steps: options.steps,
    predecessors: options.predecessors,
    vars: options.vars,
    evaluate: (expression) => evaluateExpression(expression, context, evalOptions),
    clock,
    http: ports.http,
    sandbox: ports.sandbox,
    secrets: ports.secrets,
    logger: ports.logger,
    state: ports.state,
    ...(ports.database ? { database: ports.database } : {}),
    signal,
    maxOutputBytes: maxOutputBytes(options),
  };
  // Aborted while params were being resolved: the step would never see the abort event.
  if (signal.aborted) throw abortError(signal);
  const result = await type.execute(parsed.data, ctx);
  if (signal.aborted) throw abortError(signal);
  if (!result || typeof result !== 'object') {
    throw new StepError(`Step type "${node.type}" returned no result`, { retryable: false });
  }
  if (cache && cacheKey !== undefined && !('suspend' in result)) {
    await cache.set(
      cacheKey,
      result.port ? { output: result.output, port: result.port } : { output: result.output },
      node.cache!.ttlSeconds,
    );
  }
  return result;
}

function fromCache(options: RunStepOptions, hit: StepResult): StepResult {
  options.onCacheHit?.();
  return hit;
}

class TimeoutError extends Error {}

/** For steps nothing can abort: creating an AbortController per step is measurably slow. */
let neverAborted: AbortSignal | undefined;

interface AttemptSignal {
  signal: AbortSignal;
  /** Rejects once the signal aborts; absent when nothing can abort it. */
  aborted?: Promise<never>;
  dispose(): void;
}

/**
 * The signal the step sees: the caller's, plus the step's own timeout when it has one. Only
 * a timeout is raced; a step aborted from outside is expected to honour its signal, which
 * keeps listeners off a caller's long-lived signal (one per step would pile up on it).
 */
function attemptSignal(options: RunStepOptions): AttemptSignal {
  const ms = options.node.timeoutMs;
  const timer = options.ports.timer;
  const outer = options.signal;
  if (ms === undefined || !timer) {
    neverAborted ??= new AbortController().signal;
    return { signal: outer ?? neverAborted, dispose: () => undefined };
  }
  const controller = new AbortController();
  const disarm = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  void timer.sleep(ms, disarm.signal).then(() => {
    if (disarm.signal.aborted) return;
    controller.abort(new TimeoutError(`Step "${options.node.id}" timed out after ${ms} ms`));
  });
  const watch = whenAborted(controller.signal);
  return {
    signal: controller.signal,
    aborted: watch.promise,
    dispose: () => {
      disarm.abort();
      outer?.removeEventListener('abort', onOuterAbort);
      watch.dispose();
    },
  };
}

function whenAborted(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = () => undefined as void;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // Usually the step wins the race; its loss must not surface as an unhandled rejection.
  promise.catch(() => undefined);
  // The caller's signal may outlive many steps: leave no listener behind on it.
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  // A plain abort() carries a DOMException whose message says nothing useful.
  return reason instanceof Error && reason.name !== 'AbortError'
    ? reason
    : new Error('Step was cancelled');
}

function maxOutputBytes(options: RunStepOptions): number {
  return options.ports.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
}

/** Fails a step whose output would be stored over the limit; a rerun would produce it again. */
function checkOutputSize(output: unknown, limit: number): void {
  const json = JSON.stringify(output);
  const bytes = json === undefined ? 0 : utf8Length(json);
  if (bytes > limit) throw new StepError(outputTooLargeMessage(bytes, limit), { retryable: false });
}

/** Keeps a failure's record within the limit: the message is cut, the details dropped. */
function capError(error: StepErrorInfo, limit: number): StepErrorInfo {
  const bytes = utf8Length(JSON.stringify(error));
  if (bytes <= limit) return error;
  const note = ` … (cut: the error was ${bytes.toLocaleString('en-US')} bytes, over the ${formatByteLimit(limit)} limit (${OUTPUT_LIMIT_VARIABLE}))`;
  // A UTF-16 unit is at most 3 bytes of UTF-8: this many units always fit.
  const keep = Math.max(0, Math.floor(limit / 3) - note.length - 64);
  const retryable = error.retryable;
  return {
    message: error.message.slice(0, keep) + note,
    ...(retryable === undefined ? {} : { retryable }),
  };
}

function describeError(err: unknown): StepErrorInfo {
  if (err instanceof StepError) {
    const { retryable, details } = err.options;
    return {
      message: err.message,
      ...(retryable === undefined ? {} : { retryable }),
      ...(details === undefined ? {} : { details }),
    };
  }
  if (err instanceof TimeoutError) return { message: err.message, retryable: true };
  // An expression that does not parse never will, nor one that met a limit; one that fails
  // to evaluate may read something that changes by the next attempt (a secret, the time).
  if (err instanceof ExpressionError) {
    const final = isSyntaxError(err) || EXPRESSION_LIMIT_CODES.has(err.code ?? '');
    return { message: err.message, ...(final ? { retryable: false } : {}) };
  }
  if (err instanceof Error) return { message: err.message || err.name };
  return { message: String(err) };
}

/** JSONata's codes for expressions that do not parse all start with S0. */
function isSyntaxError(err: ExpressionError): boolean {
  return err.code?.startsWith('S0') === true;
}
