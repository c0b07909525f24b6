import ivm from 'isolated-vm';
import type { Sandbox, SandboxLimits } from '../../engine/ports';
import { codeStack } from './code-stack';
import { CODE_GLOBAL, SCOPE_GLOBAL, WRAPPER_SOURCE, type SandboxOutcome } from './sandbox-wrapper';

/**
 * The Sandbox port on isolated-vm: each call gets a fresh V8 context (so no global state
 * survives between steps) inside a pooled isolate (creating one costs milliseconds). The
 * isolate only holds V8 built-ins: no require, process, fetch, timers or modules. Only
 * JSON strings cross the boundary.
 *
 * `await` works for promises the code makes itself; with no timers or I/O in the isolate a
 * promise that is never resolved ends as a timeout. An isolate that timed out, hit its
 * memory limit or grew close to it is disposed instead of being reused.
 */

export interface IsolatedVmSandboxOptions {
  /** Idle isolates kept per memory limit. */
  maxIdlePerLimit?: number;
  /** Calls an isolate serves before it is replaced, bounding slow leaks across contexts. */
  maxUsesPerIsolate?: number;
  /** Wall-clock slack past the time limit before pending async code is abandoned. */
  graceMs?: number;
}

interface PooledIsolate {
  isolate: ivm.Isolate;
  wrapper: ivm.Script;
  memoryMb: number;
  uses: number;
}

class SandboxFailure extends Error {
  constructor(
    message: string,
    /** Where in the user's code it was thrown (see the Sandbox port). */
    readonly codeStack?: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

const OUT_OF_MEMORY = 'out of memory';

/** Heap use above this share of the limit retires an isolate rather than pooling it. */
const RETIRE_HEAP_SHARE = 0.5;

export class IsolatedVmSandbox implements Sandbox {
  private readonly idle = new Map<number, PooledIsolate[]>();
  private readonly maxIdle: number;
  private readonly maxUses: number;
  private readonly graceMs: number;
  private closed = false;

  constructor(options: IsolatedVmSandboxOptions = {}) {
    this.maxIdle = options.maxIdlePerLimit ?? 4;
    this.maxUses = options.maxUsesPerIsolate ?? 200;
    this.graceMs = options.graceMs ?? 1000;
  }

  async run(code: string, scope: Record<string, unknown>, limits: SandboxLimits): Promise<unknown> {
    if (this.closed) throw new SandboxFailure('Sandbox is closed');
    const timeoutMs = Math.max(1, Math.floor(limits.timeoutMs));
    // isolated-vm refuses limits under 8 MB.
    const memoryMb = Math.max(8, Math.floor(limits.memoryMb));
    let scopeJson: string;
    try {
      scopeJson = JSON.stringify(scope) ?? '{}';
    } catch (err) {
      throw new SandboxFailure(`Code step input is not JSON: ${(err as Error).message}`);
    }

    const entry = await this.acquire(memoryMb);
    let reusable = false;
    let context: ivm.Context | undefined;
    try {
      context = await entry.isolate.createContext();
      const global = context.global;
      global.setSync(CODE_GLOBAL, code);
      global.setSync(SCOPE_GLOBAL, scopeJson);
      const answer = await this.runWithDeadline(entry, context, timeoutMs);
      // A failure inside the code leaves the isolate healthy; explain() retires it otherwise.
      reusable = true;
      return settle(answer);
    } catch (err) {
      throw this.explain(err, entry, timeoutMs, memoryMb);
    } finally {
      if (context && !entry.isolate.isDisposed) context.release();
      this.release(entry, reusable);
    }
  }

  /** Disposes every pooled isolate; later calls are refused. */
  dispose(): void {
    this.closed = true;
    for (const list of this.idle.values()) for (const e of list) disposeQuietly(e.isolate);
    this.idle.clear();
  }

  private async runWithDeadline(
    entry: PooledIsolate,
    context: ivm.Context,
    timeoutMs: number,
  ): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Only async code still waiting on a promise gets here: CPU work is cut by `timeout`.
        disposeQuietly(entry.isolate);
        reject(new SandboxFailure('deadline'));
      }, timeoutMs + this.graceMs);
    });
    const running = entry.wrapper.run(context, {
      timeout: timeoutMs,
      promise: true,
    });
    running.catch(() => undefined);
    try {
      const answer: unknown = await Promise.race([running, deadline]);
      if (typeof answer !== 'string') throw new SandboxFailure('Code step returned no answer');
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  private explain(err: unknown, entry: PooledIsolate, timeoutMs: number, memoryMb: number): Error {
    if (
      err instanceof SandboxFailure &&
      err.message !== 'deadline' &&
      err.message !== OUT_OF_MEMORY
    ) {
      return err;
    }
    const message = err instanceof Error ? err.message : String(err);
    if (message === OUT_OF_MEMORY || /memory limit/i.test(message)) {
      disposeQuietly(entry.isolate);
      return new SandboxFailure(`Code step exceeded its memory limit of ${memoryMb} MB`);
    }
    if (message === 'deadline' || /timed out/i.test(message)) {
      disposeQuietly(entry.isolate);
      return new SandboxFailure(`Code step timed out after ${timeoutMs} ms`);
    }
    if (entry.isolate.isDisposed) {
      return new SandboxFailure(`Code step exceeded its memory limit of ${memoryMb} MB`);
    }
    return new SandboxFailure(`Code step failed: ${message}`);
  }

  private async acquire(memoryMb: number): Promise<PooledIsolate> {
    const pooled = this.idle.get(memoryMb)?.pop();
    if (pooled && !pooled.isolate.isDisposed) return pooled;
    const isolate = new ivm.Isolate({ memoryLimit: memoryMb });
    const wrapper = await isolate.compileScript(WRAPPER_SOURCE, {
      filename: 'miniflow-code-step',
    });
    return { isolate, wrapper, memoryMb, uses: 0 };
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

function settle(answer: string): unknown {
  const outcome = JSON.parse(answer) as SandboxOutcome;
  if ('value' in outcome) return outcome.value;
  if ('syntax' in outcome)
    throw new SandboxFailure(`Code step has invalid JavaScript: ${outcome.syntax}`);
  if ('notJson' in outcome) {
    throw new SandboxFailure(`Code step returned a value that is not JSON (${outcome.notJson})`);
  }
  if (outcome.memory) throw new SandboxFailure(OUT_OF_MEMORY);
  throw new SandboxFailure(`Code step threw: ${outcome.thrown}`, codeStack(outcome.stack));
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
