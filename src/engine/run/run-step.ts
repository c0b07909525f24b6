import type { z } from 'zod';
import type { WorkflowNode } from '../definition/workflow.schema';
import { formatPath } from '../definition/path';
import type { ExpressionContext } from '../expr/context';
import { evaluateExpression, type EvaluateOptions } from '../expr/evaluate';
import { ExpressionError } from '../expr/expression-error';
import { resolveParams } from '../expr/resolve-params';
import type { Clock, Http, Logger, Random, Sandbox, Secrets, StateStore, Timer } from '../ports';
import { StepError, type StepContext, type StepRegistry, type StepResult } from '../steps/step-type';
import type { StepEvent } from './events';
import type { StepErrorInfo } from './run-state';

/** The world as a step sees it. `timer` enables in-step timeouts; `random` backs `$random()`. */
export interface StepPorts {
  clock: Clock;
  http: Http;
  sandbox: Sandbox;
  secrets: Secrets;
  logger: Logger;
  state: StateStore;
  timer?: Timer;
  random?: Random;
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
}

/**
 * Executes one attempt of one node and reports it as the event `advance` expects. Never
 * throws: whatever goes wrong becomes a `stepFailed` with a message a user can act on.
 */
export async function runStep(options: RunStepOptions): Promise<StepEvent> {
  const { node, attempt } = options;
  const base = { nodeId: node.id, attempt };
  const controller = new AbortController();
  const stopForwarding = forwardAbort(options.signal, controller);
  const timeout = node.timeoutMs !== undefined ? startTimeout(options, controller) : undefined;
  try {
    const work = execute(options, controller.signal);
    const result = await (timeout ? Promise.race([work, timeout.expired]) : work);
    if ('suspend' in result) return { type: 'stepSuspended', ...base, suspension: result.suspend };
    const port = result.port;
    return { type: 'stepSucceeded', ...base, output: result.output, ...(port ? { port } : {}) };
  } catch (err) {
    return { type: 'stepFailed', ...base, error: describeError(err) };
  } finally {
    timeout?.stop();
    stopForwarding();
  }
}

async function execute(options: RunStepOptions, signal: AbortSignal): Promise<StepResult> {
  const { node, registry, ports } = options;
  const type = registry.get(node.type);
  if (!type) throw new StepError(`Unknown step type "${node.type}"`, { retryable: false });
  const context: ExpressionContext = {
    input: options.input,
    steps: options.steps,
    vars: options.vars,
    run: options.run,
  };
  const clock = ports.clock;
  const random = ports.random;
  const evalOptions: EvaluateOptions = {
    secrets: ports.secrets,
    now: () => clock.now(),
    ...(random ? { random: () => random.next() } : {}),
    ...(options.onSecret ? { onSecret: options.onSecret } : {}),
  };
  const resolved = await resolveParams(node.params, type.paramKinds, context, evalOptions);
  const parsed = (type.params as z.ZodType).safeParse(resolved);
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
    signal,
  };
  const result = await type.execute(parsed.data, ctx);
  if (signal.aborted) throw abortError(signal);
  if (!result || typeof result !== 'object') {
    throw new StepError(`Step type "${node.type}" returned no result`, { retryable: false });
  }
  return result;
}

class TimeoutError extends Error {}

function startTimeout(options: RunStepOptions, controller: AbortController) {
  const ms = options.node.timeoutMs ?? 0;
  const timer = options.ports.timer;
  const stop = new AbortController();
  const expired = new Promise<never>((_, reject) => {
    if (!timer) return;
    void timer.sleep(ms, stop.signal).then(() => {
      if (stop.signal.aborted) return;
      const error = new TimeoutError(`Step "${options.node.id}" timed out after ${ms} ms`);
      controller.abort(error);
      reject(error);
    });
  });
  // The race may already be decided; a late rejection must not surface as unhandled.
  expired.catch(() => undefined);
  return { expired, stop: () => stop.abort() };
}

function forwardAbort(source: AbortSignal | undefined, target: AbortController): () => void {
  if (!source) return () => undefined;
  if (source.aborted) {
    target.abort(source.reason);
    return () => undefined;
  }
  const onAbort = () => target.abort(source.reason);
  source.addEventListener('abort', onAbort, { once: true });
  return () => source.removeEventListener('abort', onAbort);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('Step was cancelled');
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
  // The same expression over the same data fails the same way: retrying cannot help.
  if (err instanceof ExpressionError) return { message: err.message, retryable: false };
  if (err instanceof Error) return { message: err.message || err.name };
  return { message: String(err) };
}
