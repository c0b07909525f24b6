import { evaluateExpression } from '../expr/evaluate';
import { incremented } from '../state/memory-state-store';
import type { HttpRequest, HttpResponse, LogLevel, SandboxLimits } from '../ports';
import { DEFAULT_MAX_OUTPUT_BYTES } from './output-size';
import type { StepContext } from './step-type';

/**
 * A StepContext with in-memory ports for step tests. Expressions go through the engine's own
 * evaluator over { input, steps, vars, run }; everything else records what it was asked.
 */
export interface FakeContext extends StepContext {
  logs: {
    level: LogLevel;
    message: string;
    fields?: Record<string, unknown>;
  }[];
  httpRequests: HttpRequest[];
  sandboxCalls: {
    code: string;
    scope: Record<string, unknown>;
    limits: SandboxLimits;
  }[];
  stateValues: Map<string, unknown>;
}

export interface FakeContextOptions {
  input?: unknown;
  steps?: Record<string, unknown>;
  predecessors?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  now?: number;
  attempt?: number;
  secrets?: Record<string, string>;
  /** Answers HTTP requests; the default answers 200 with an empty JSON object. */
  http?: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;
  /** Runs sandboxed code; the default returns the scope, which is enough to check wiring. */
  sandbox?: (code: string, scope: Record<string, unknown>, limits: SandboxLimits) => unknown;
  signal?: AbortSignal;
  maxOutputBytes?: number;
}

export function fakeContext(options: FakeContextOptions = {}): FakeContext {
  const run = { id: 'run_1', workflowId: 'wf_1', attempt: 1 };
  const input = options.input ?? null;
  const steps = options.steps ?? {};
  const vars = options.vars ?? {};
  const logs: FakeContext['logs'] = [];
  const httpRequests: HttpRequest[] = [];
  const sandboxCalls: FakeContext['sandboxCalls'] = [];
  const stateValues = new Map<string, unknown>();
  const answerHttp = options.http ?? (() => ({ status: 200, headers: {}, body: {} }));
  const runCode = options.sandbox ?? ((_code: string, scope: Record<string, unknown>) => scope);
  const now = () => options.now ?? Date.parse('2026-01-01T00:00:00Z');
  const secrets = { get: async (name: string) => options.secrets?.[name] };

  return {
    run,
    nodeId: 'node_1',
    attempt: options.attempt ?? 1,
    input,
    steps,
    predecessors: options.predecessors ?? {},
    vars,
    evaluate: (expression) =>
      evaluateExpression(expression, { input, steps, vars, run }, { secrets, now }),
    clock: { now },
    http: {
      async request(req) {
        httpRequests.push(req);
        return answerHttp(req);
      },
    },
    sandbox: {
      async run(code, scope, limits) {
        sandboxCalls.push({ code, scope, limits });
        return runCode(code, scope, limits);
      },
    },
    secrets,
    logger: {
      log: (level, message, fields) => logs.push({ level, message, fields }),
    },
    state: {
      get: async (key) => stateValues.get(key),
      set: async (key, value) => void stateValues.set(key, value),
      increment: async (key, by) => {
        const next = incremented(stateValues.get(key), by);
        stateValues.set(key, next);
        return next;
      },
    },
    signal: options.signal ?? new AbortController().signal,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    logs,
    httpRequests,
    sandboxCalls,
    stateValues,
  };
}
