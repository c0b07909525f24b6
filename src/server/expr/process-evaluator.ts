import { spawn, type ChildProcess } from 'node:child_process';
import {
  EXPRESSION_LIMITS,
  ExpressionError,
  inProcessEvaluator,
  isCheapExpression,
  type ExpressionContext,
  type ExpressionEvaluator,
  type ExpressionHost,
} from '@/engine';
import { crashReason } from './crash-reason';
import {
  EVALUATOR_PROCESS_SOURCE,
  JSONATA_PATH_ENV,
  LIMITS_ENV,
  type ProcessLimits,
} from './evaluator-process-source';
import { jsonataPath } from './jsonata-path';
import { stepsToSend } from './steps-to-send';

/**
 * The ExpressionEvaluator of a server: expressions run in a small pool of child processes,
 * never on the thread that serves HTTP. A process evaluates one expression at a time under a
 * heap limit; one that runs past the time limit is killed (which stops even a runaway
 * regular expression) and replaced. A worker thread would be lighter, but V8 aborts the
 * whole process when a thread's heap overflows in one large allocation, and a JSONata
 * expression can make one.
 *
 * Expressions whose cost is bounded by their data (paths, literals, comparisons) skip the
 * pool: they are most of a workflow's expressions and a round trip would only add latency.
 *
 * Only the step outputs the expression names are sent (see steps-to-send.ts).
 *
 * Protocol, JSON over the IPC channel. The parent sends `eval` {id, source, context, host:
 * names of the host functions, omitted: ids of the step outputs left out}. The process may
 * answer `needContext` {id} to be sent the whole context; it calls host functions with
 * `call` {id, call, name, args, missing: indexes of undefined args}, answered by `reply`
 * {call, ok, value | message}; it ends with `done` {id, ok, json | message, position?, code?}.
 */

export interface ExpressionLimits {
  /** Wall-clock time one evaluation may take once a process runs it, host functions included. */
  timeoutMs: number;
  /** Heap of an evaluator process. */
  memoryMb: number;
}

export interface ProcessEvaluatorOptions extends ExpressionLimits {
  /** Processes evaluating at once; more evaluations wait for one. */
  processes?: number;
  /**
   * Evaluations that may wait for a process (default 1,000); past it an evaluation fails at
   * once with a retryable error naming the limit, rather than holding its caller and its
   * context in memory behind a queue that only grows.
   */
  maxWaiting?: number;
}

const DEFAULT_MAX_WAITING = 1_000;

/** JSONata's code for an evaluation that ran past its `timeout` option. */
const JSONATA_TIMEOUT = 'D1012';

const STARTUP_TIMEOUT_MS = 10_000;

/** Past the time limit, the process is given this long to report JSONata's own timeout. */
const KILL_GRACE_MS = 50;

type DoneMessage =
  | { t: 'done'; id: number; ok: true; json?: string }
  | {
      t: 'done';
      id: number;
      ok: false;
      message: string;
      position?: number;
      code?: string;
    };
type CallMessage = {
  t: 'call';
  id: number;
  call: number;
  name: string;
  args: unknown[];
  missing: number[];
};
type ChildMessage = { t: 'ready' } | { t: 'needContext'; id: number } | DoneMessage | CallMessage;

interface Job {
  id: number;
  source: string;
  context: ExpressionContext;
  host: ExpressionHost;
  resolve(value: unknown): void;
  reject(error: Error): void;
  deadline?: ReturnType<typeof setTimeout>;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  job?: Job;
  /** Set when the parent ended it, so its exit is not reported as a crash. */
  ended: boolean;
  stderr: string;
  startup?: ReturnType<typeof setTimeout>;
}

export class ProcessEvaluator implements ExpressionEvaluator {
  private readonly workers = new Set<Worker>();
  private readonly queue: Job[] = [];
  private readonly maxWorkers: number;
  private readonly processLimits: ProcessLimits;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: ProcessEvaluatorOptions) {
    this.maxWorkers = Math.max(1, options.processes ?? 2);
    this.processLimits = {
      timeoutMs: options.timeoutMs,
      stack: EXPRESSION_LIMITS.stack,
      sequence: EXPRESSION_LIMITS.sequence,
      // A character takes one or two bytes: a quarter of the heap leaves room to work on it.
      maxStringLength: options.memoryMb * 256 * 1024,
    };
  }

  evaluate(source: string, context: ExpressionContext, host: ExpressionHost): Promise<unknown> {
    if (isCheapExpression(source)) return inProcessEvaluator.evaluate(source, context, host);
    if (this.closed) return Promise.reject(new Error('The expression evaluator is closed'));
    const maxWaiting = this.options.maxWaiting ?? DEFAULT_MAX_WAITING;
    if (this.queue.length >= maxWaiting) {
      const reason =
        `the expression evaluator is busy: ${maxWaiting} evaluations are already waiting ` +
        `(the limit of waiting evaluations is ${maxWaiting}); try again later`;
      return Promise.reject(new ExpressionError(source, reason, undefined, 'busy'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: ++this.nextId,
        source,
        context,
        host,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Ends every process; evaluations waiting or running fail. */
  dispose(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new Error('The expression evaluator is closed'));
    }
    for (const worker of this.workers) {
      if (worker.job) this.finish(worker, new Error('The expression evaluator is closed'));
      this.end(worker);
    }
  }

  /** The processes' ids, for tests that check a process was replaced. */
  get processIds(): number[] {
    return [...this.workers].flatMap((w) => (w.child.pid === undefined ? [] : [w.child.pid]));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = [...this.workers].find((w) => w.ready && !w.job);
      if (!idle) {
        const starting = [...this.workers].some((w) => !w.ready);
        if (!starting && this.workers.size < this.maxWorkers) this.spawn();
        return;
      }
      this.start(idle, this.queue.shift()!);
    }
  }

  private spawn(): void {
    const env: Record<string, string> = {
      [JSONATA_PATH_ENV]: jsonataPath(),
      [LIMITS_ENV]: JSON.stringify(this.processLimits),
    };
    const child: ChildProcess = spawn(
      process.execPath,
      [
        `--max-old-space-size=${this.options.memoryMb}`,
        '--disallow-code-generation-from-strings',
        '-e',
        EVALUATOR_PROCESS_SOURCE,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        // Nothing of the server's environment (secrets, NODE_OPTIONS) reaches the process.
        env: env as NodeJS.ProcessEnv,
      },
    );
    const worker: Worker = { child, ready: false, ended: false, stderr: '' };
    this.workers.add(worker);
    // One that never starts would hold every evaluation waiting for it.
    worker.startup = setTimeout(() => child.kill('SIGKILL'), STARTUP_TIMEOUT_MS);
    worker.startup.unref();
    // An idle process must not keep a CLI run from exiting.
    child.unref();
    child.channel?.unref();
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      worker.stderr = (worker.stderr + chunk).slice(-4_000);
    });
    child.on('message', (message: ChildMessage) => this.onMessage(worker, message));
    child.on('error', () => this.onExit(worker));
    child.on('exit', () => this.onExit(worker));
  }

  private start(worker: Worker, job: Job): void {
    worker.job = job;
    worker.child.channel?.ref();
    job.deadline = setTimeout(() => {
      if (worker.job !== job) return;
      this.finish(worker, this.timeLimit(job));
      this.end(worker);
      this.replenish();
      this.pump();
    }, this.options.timeoutMs + KILL_GRACE_MS);
    const { steps, omitted } = stepsToSend(job.source, job.context.steps);
    this.sendEval(worker, job, { ...job.context, steps }, omitted);
  }

  private sendEval(worker: Worker, job: Job, context: ExpressionContext, omitted: string[]) {
    try {
      this.send(worker, {
        t: 'eval',
        id: job.id,
        source: job.source,
        context,
        host: Object.keys(job.host),
        omitted,
      });
    } catch (err) {
      const reason = `its context is not JSON (${(err as Error).message})`;
      this.finish(worker, new ExpressionError(job.source, reason));
      this.pump();
    }
  }

  private onMessage(worker: Worker, message: ChildMessage): void {
    if (message.t === 'ready') {
      worker.ready = true;
      clearTimeout(worker.startup);
      this.pump();
      return;
    }
    const job = worker.job;
    if (!job || message.id !== job.id) return;
    if (message.t === 'call') {
      void this.callHost(worker, job, message);
      return;
    }
    if (message.t === 'needContext') {
      // Within the same deadline: the first attempt's time counts.
      this.sendEval(worker, job, job.context, []);
      return;
    }
    if (message.ok) {
      this.finish(
        worker,
        undefined,
        message.json === undefined ? undefined : JSON.parse(message.json),
      );
    } else {
      this.finish(worker, this.failure(job, message));
    }
    this.pump();
  }

  private failure(job: Job, message: Extract<DoneMessage, { ok: false }>): Error {
    if (message.code === JSONATA_TIMEOUT) return this.timeLimit(job);
    return new ExpressionError(job.source, message.message, message.position, message.code);
  }

  private async callHost(worker: Worker, job: Job, message: CallMessage): Promise<void> {
    const args = [...message.args];
    for (const i of message.missing) args[i] = undefined;
    let reply: object;
    try {
      const fn = job.host[message.name];
      if (!fn) throw new Error(`$${message.name}() is not available here`);
      reply = { ok: true, value: await fn(...args) };
    } catch (err) {
      reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    if (worker.job !== job) return;
    this.send(worker, { t: 'reply', call: message.call, ...reply });
  }

  private timeLimit(job: Job): ExpressionError {
    const reason = `exceeded the ${this.options.timeoutMs} ms time limit`;
    return new ExpressionError(job.source, reason, undefined, 'time-limit');
  }

  private onExit(worker: Worker): void {
    clearTimeout(worker.startup);
    if (!this.workers.delete(worker)) return;
    const job = worker.job;
    if (job && !worker.ended) {
      const reason = crashReason(worker.stderr, this.options.memoryMb);
      this.finish(worker, new ExpressionError(job.source, reason, undefined, 'crashed'));
    }
    if (!worker.ready && !worker.ended) {
      // It died while starting: failing what waits beats respawning in a loop.
      const error = new Error(`The expression evaluator failed to start: ${worker.stderr.trim()}`);
      for (const waiting of this.queue.splice(0)) waiting.reject(error);
      return;
    }
    this.replenish();
    this.pump();
  }

  /** Replaces a lost process at once, so the next evaluation need not wait for one to start. */
  private replenish(): void {
    if (!this.closed && this.workers.size === 0) this.spawn();
  }

  private finish(worker: Worker, error: Error | undefined, value?: unknown): void {
    const job = worker.job;
    if (!job) return;
    clearTimeout(job.deadline);
    worker.job = undefined;
    worker.child.channel?.unref();
    if (error) job.reject(error);
    else job.resolve(value);
  }

  private end(worker: Worker): void {
    worker.ended = true;
    worker.child.kill('SIGKILL');
    this.workers.delete(worker);
  }

  private send(worker: Worker, message: object): void {
    if (!worker.child.connected) return;
    worker.child.send(message, (err) => {
      // The process died; its exit fails the evaluation.
      if (err) worker.child.kill('SIGKILL');
    });
  }
}
