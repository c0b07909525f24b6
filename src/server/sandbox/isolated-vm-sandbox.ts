import { getRandomValues } from 'node:crypto';
import { availableParallelism } from 'node:os';
import ivm from 'isolated-vm';
import type { Sandbox, SandboxLimits } from '../../engine/ports';
import { DEFAULT_MAX_OUTPUT_BYTES, outputTooLargeMessage } from '../../engine/steps/output-size';
import { codeStack } from './code-stack';
import { WRAPPER_SOURCE, type SandboxOutcome } from './sandbox-wrapper';

/**
 * The Sandbox port on isolated-vm: calls run in pooled isolates (creating one costs
 * milliseconds), each with one V8 context made once and locked down (lockdown-source.ts:
 * everything calls share is frozen), so no state survives from one call to the next
 * without paying for a new context (about half a millisecond of CPU) on every call. The
 * isolate only holds V8 built-ins: no require, process, fetch, timers or modules. Only
 * JSON strings cross the boundary.
 *
 * `await` works for promises the code makes itself; with no timers or I/O in the isolate a
 * promise that is never resolved ends as a timeout. An isolate that timed out, hit its
 * memory limit or grew close to it is disposed instead of being reused.
 *
 * An isolate still executing when the process exits crashes it (SIGSEGV in V8's teardown):
 * an aborted call disposes its isolate at once, and `close()` disposes every isolate, busy
 * ones included, and waits until their executions have unwound.
 */

export interface IsolatedVmSandboxOptions {
  /** Idle isolates kept per memory limit. */
  maxIdlePerLimit?: number;
  /** Calls an isolate serves before it is replaced, bounding slow leaks across contexts. */
  maxUsesPerIsolate?: number;
  /** Wall-clock slack past the wall-clock ceiling before pending async code is abandoned. */
  graceMs?: number;
  /**
   * The wall-clock ceiling, as a multiple of the CPU-time limit. The limit a step sets is
   * CPU time, so steps sharing busy cores are not cut short for waiting their turn; the
   * ceiling only stops code that waits forever.
   */
  wallTimeFactor?: number;
  /**
   * Code steps executing at once; by default one per core, shared by every sandbox of the
   * process. The others wait their turn before their time starts, so a step's time is
   * spent with a core to itself.
   */
  maxRunning?: number;
}

interface Slots {
  max: number;
  running: number;
  queued: (() => void)[];
}

// One set of slots per process: the web app's runtime and the worker each have a sandbox.
const SLOTS = Symbol.for('miniflow.sandboxSlots');
function processSlots(): Slots {
  const holder = globalThis as { [SLOTS]?: Slots };
  holder[SLOTS] ??= { max: availableParallelism(), running: 0, queued: [] };
  return holder[SLOTS];
}

/** The wrapper's per-call function: `(code, scopeJson, maxBytes, …seed) => answer`. */
type CallCode = (
  code: string,
  scopeJson: string,
  maxBytes: number,
  ...seed: number[]
) => Promise<string>;

interface PooledIsolate {
  isolate: ivm.Isolate;
  call: ivm.Reference<CallCode>;
  memoryMb: number;
  uses: number;
}

class SandboxFailure extends Error {
  constructor(
    message: string,
    /** Where in the user's code it was thrown (see the Sandbox port). */
    readonly codeStack?: string,
    /** False when running the same code again cannot succeed (see the Sandbox port). */
    readonly retryable?: false,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

const OUT_OF_MEMORY = 'out of memory';
const CPU_LIMIT = 'cpu time limit';
const WALL_LIMIT = 'wall-clock ceiling';

/** Heap use above this share of the limit retires an isolate rather than pooling it. */
const RETIRE_HEAP_SHARE = 0.5;

export class IsolatedVmSandbox implements Sandbox {
  private readonly idle = new Map<number, PooledIsolate[]>();
  private readonly maxIdle: number;
  private readonly maxUses: number;
  private readonly graceMs: number;
  private readonly wallTimeFactor: number;
  private readonly slots: Slots;
  private readonly busy = new Set<PooledIsolate>();
  /** Calls not yet finished, and executions not yet unwound (abandoned on abort or deadline). */
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(options: IsolatedVmSandboxOptions = {}) {
    this.maxIdle = options.maxIdlePerLimit ?? 4;
    this.maxUses = options.maxUsesPerIsolate ?? 200;
    this.graceMs = options.graceMs ?? 1000;
    this.wallTimeFactor = options.wallTimeFactor ?? 10;
    this.slots =
      options.maxRunning === undefined
        ? processSlots()
        : { max: Math.max(1, options.maxRunning), running: 0, queued: [] };
  }

  run(code: string, scope: Record<string, unknown>, limits: SandboxLimits): Promise<unknown> {
    const call = this.execute(code, scope, limits);
    this.track(call);
    return call;
  }

  private async execute(
    code: string,
    scope: Record<string, unknown>,
    limits: SandboxLimits,
  ): Promise<unknown> {
    if (this.closed) throw new SandboxFailure('Sandbox is closed');
    const timeoutMs = Math.max(1, Math.floor(limits.timeoutMs));
    // isolated-vm refuses limits under 8 MB.
    const memoryMb = Math.max(8, Math.floor(limits.memoryMb));
    const maxBytes = limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const signal = limits.signal;
    if (signal?.aborted) throw cancelled(signal);
    let scopeJson: string;
    try {
      scopeJson = JSON.stringify(scope) ?? '{}';
    } catch (err) {
      throw new SandboxFailure(`Code step input is not JSON: ${(err as Error).message}`);
    }

    const entry = await this.acquire(memoryMb);
    this.busy.add(entry);
    let reusable = false;
    try {
      // Closed or aborted while the isolate was being made ready: run nothing in it.
      this.throwIfStopped(signal);
      const done = await this.turn();
      let answer: string;
      try {
        this.throwIfStopped(signal);
        const seed = getRandomValues(new Int32Array(4));
        const args: Parameters<CallCode> = [code, scopeJson, maxBytes, ...seed];
        answer = await this.runWithDeadline(entry, args, timeoutMs, signal);
      } finally {
        done();
      }
      // A failure inside the code leaves the isolate healthy; explain() retires it otherwise.
      reusable = true;
      return settle(answer, maxBytes);
    } catch (err) {
      throw this.explain(err, entry, timeoutMs, memoryMb, signal);
    } finally {
      this.busy.delete(entry);
      this.release(entry, reusable);
    }
  }

  /**
   * Disposes every isolate, idle or busy (stopping code that is still running); later calls
   * are refused. Use `close()` before the process exits.
   */
  dispose(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const e of list) disposeQuietly(e.isolate);
    this.idle.clear();
    for (const entry of this.busy) disposeQuietly(entry.isolate);
  }

  /** `dispose()`, then waits until no isolate executes: only then may the process exit. */
  async close(): Promise<void> {
    this.dispose();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Waits for an execution slot; resolves with its release. */
  private async turn(): Promise<() => void> {
    const slots = this.slots;
    if (slots.running >= slots.max) {
      await new Promise<void>((resolve) => slots.queued.push(resolve));
    } else {
      slots.running += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.queued.shift();
      if (next) next();
      else slots.running -= 1;
    };
  }

  private track(work: Promise<unknown>): void {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  private throwIfStopped(signal: AbortSignal | undefined): void {
    if (this.closed) throw new SandboxFailure('Sandbox is closed');
    if (signal?.aborted) throw cancelled(signal);
  }

  private async runWithDeadline(
    entry: PooledIsolate,
    args: Parameters<CallCode>,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const wallMs = timeoutMs * this.wallTimeFactor;
    const cpuAtStart = entry.isolate.cpuTime;
    let timer: NodeJS.Timeout | undefined;
    let cpuWatch: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    let cpuExceeded = false;
    const stopped = new Promise<never>((_, reject) => {
      // isolated-vm counts an isolate's CPU time while it runs: checked a few times per
      // limit, so code stops within a fraction of its limit past it.
      cpuWatch = setInterval(
        () => {
          if (entry.isolate.isDisposed) return;
          if (Number(entry.isolate.cpuTime - cpuAtStart) / 1e6 <= timeoutMs) return;
          cpuExceeded = true;
          disposeQuietly(entry.isolate);
          reject(new SandboxFailure(CPU_LIMIT));
        },
        Math.min(50, Math.max(5, Math.floor(timeoutMs / 10))),
      );
      timer = setTimeout(() => {
        // Only async code still waiting on a promise gets here: running code is cut by `timeout`.
        disposeQuietly(entry.isolate);
        reject(new SandboxFailure(WALL_LIMIT));
      }, wallMs + this.graceMs);
      onAbort = () => {
        disposeQuietly(entry.isolate);
        reject(cancelled(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    const running = entry.call.apply(undefined, args, {
      timeout: wallMs,
      result: { promise: true },
    });
    this.track(running);
    try {
      const answer: unknown = await Promise.race([running, stopped]);
      if (typeof answer !== 'string') throw new SandboxFailure('Code step returned no answer');
      return answer;
    } catch (err) {
      // Disposing the isolate also fails the run itself, whichever rejection comes first.
      if (cpuExceeded) throw new SandboxFailure(CPU_LIMIT);
      throw err;
    } finally {
      clearTimeout(timer);
      clearInterval(cpuWatch);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  private explain(
    err: unknown,
    entry: PooledIsolate,
    timeoutMs: number,
    memoryMb: number,
    signal: AbortSignal | undefined,
  ): Error {
    if (signal?.aborted) return cancelled(signal);
    if (
      err instanceof SandboxFailure &&
      err.message !== WALL_LIMIT &&
      err.message !== CPU_LIMIT &&
      err.message !== OUT_OF_MEMORY
    ) {
      return err;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (message === OUT_OF_MEMORY || /memory limit/i.test(message)) {
      disposeQuietly(entry.isolate);
      return memoryExceeded(memoryMb);
    }
    if (message === CPU_LIMIT) {
      disposeQuietly(entry.isolate);
      return new SandboxFailure(`Code step timed out after ${timeoutMs} ms of CPU time`);
    }
    if (message === WALL_LIMIT || /timed out/i.test(message)) {
      disposeQuietly(entry.isolate);
      return new SandboxFailure(
        `Code step timed out after ${timeoutMs * this.wallTimeFactor} ms of wall-clock time ` +
          `(its CPU time limit is ${timeoutMs} ms)`,
      );
    }
    if (entry.isolate.isDisposed) {
      return memoryExceeded(memoryMb);
    }
    return new SandboxFailure(`Code step failed: ${message}`);
  }

  private async acquire(memoryMb: number): Promise<PooledIsolate> {
    const pooled = this.idle.get(memoryMb)?.pop();
    if (pooled && !pooled.isolate.isDisposed) return pooled;
    const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
    try {
      const wrapper = await isolate.compileScript(WRAPPER_SOURCE, {
        filename: 'miniflow-code-step',
      });
      const context = await isolate.createContext();
      const call = (await wrapper.run(context, { reference: true })) as ivm.Reference<CallCode>;
      return { isolate, call, memoryMb, uses: 0 };
    } catch (err) {
      disposeQuietly(isolate);
      throw err;
    }
  }

  private release(entry: PooledIsolate, reusable: boolean): void {
    entry.uses += 1;
    const { isolate } = entry;
    const list = this.idle.get(entry.memoryMb) ?? [];
    const keep =
      reusable &&
      !this.closed &&
      !isolate.isDisposed &&
      entry.uses < this.maxUses &&
      list.length < this.maxIdle &&
      heapShare(isolate, entry.memoryMb) < RETIRE_HEAP_SHARE;
    if (!keep) {
      disposeQuietly(isolate);
      return;
    }
    list.push(entry);
    this.idle.set(entry.memoryMb, list);
  }
}

function settle(answer: string, maxBytes: number): unknown {
  const outcome = JSON.parse(answer) as SandboxOutcome;
  if ('value' in outcome) return outcome.value;
  if ('syntax' in outcome) {
    const message = `Code step has invalid JavaScript: ${outcome.syntax}`;
    throw new SandboxFailure(message, undefined, false);
  }
  if ('tooLarge' in outcome) {
    throw new SandboxFailure(outputTooLargeMessage(outcome.tooLarge, maxBytes), undefined, false);
  }
  if ('notJson' in outcome) {
    throw new SandboxFailure(`Code step returned a value that is not JSON (${outcome.notJson})`);
  }
  if (outcome.memory) throw new SandboxFailure(OUT_OF_MEMORY);
  throw new SandboxFailure(`Code step threw: ${outcome.thrown}`, codeStack(outcome.stack));
}

/** The same code over the same input allocates as much again: a limit, not a mishap. */
function memoryExceeded(memoryMb: number): SandboxFailure {
  return new SandboxFailure(
    `Code step exceeded its memory limit of ${memoryMb} MB`,
    undefined,
    false,
  );
}

function cancelled(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name !== 'AbortError'
    ? reason
    : new SandboxFailure('Code step was cancelled');
}

function heapShare(isolate: ivm.Isolate, memoryMb: number): number {
  try {
    const stats = isolate.getHeapStatisticsSync();
    return (stats.used_heap_size + stats.externally_allocated_size) / (memoryMb * 1024 * 1024);
  } catch {
    return 1;
  }
}

function disposeQuietly(isolate: ivm.Isolate): void {
  if (isolate.isDisposed) return;
  try {
    isolate.dispose();
  } catch {
    // Already being torn down by isolated-vm (memory limit): nothing left to free.
  }
}
