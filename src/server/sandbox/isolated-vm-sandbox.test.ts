import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { IsolatedVmSandbox } from './isolated-vm-sandbox';

const limits = { timeoutMs: 1000, memoryMb: 64 };
const sandbox = new IsolatedVmSandbox();
afterAll(() => sandbox.dispose());

const run = (code: string, scope: Record<string, unknown> = {}, l = limits) =>
  sandbox.run(code, scope, l);
const failure = (code: string, l = limits) =>
  run(code, {}, l).then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (err: Error) => err.message,
  );

describe('IsolatedVmSandbox', () => {
  it('runs a function body with the scope as variables and returns JSON', async () => {
    const scope = {
      input: { n: 21 },
      steps: { a: [1, 2] },
      vars: { label: 'x' },
    };
    expect(
      await run(
        'return { doubled: input.n * 2, sum: steps.a[0] + steps.a[1], label: vars.label };',
        scope,
      ),
    ).toEqual({
      doubled: 42,
      sum: 3,
      label: 'x',
    });
    expect(await run('const x = 1;')).toBeNull();
    expect(await run('return [new Date(0).toISOString(), NaN, undefined];')).toEqual([
      '1970-01-01T00:00:00.000Z',
      null,
      null,
    ]);
  });

  it('gives no call the globals or built-ins another call changed', async () => {
    await run('globalThis.leak = 42; Object.prototype.polluted = true; return 1;');
    expect(await run('return [typeof leak, typeof ({}).polluted];')).toEqual([
      'undefined',
      'undefined',
    ]);
  });

  it('lets no call in a pooled isolate see what the one before it left', async () => {
    const one = new IsolatedVmSandbox({ maxRunning: 1, maxIdlePerLimit: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        expect(
          await one.run(
            'const seen = typeof globalThis.mark; globalThis.mark = 1; Array.prototype.x = 1; return [seen, typeof [].x === "number" && seen === "number"];',
            {},
            limits,
          ),
        ).toEqual(['undefined', false]);
      }
    } finally {
      one.dispose();
    }
  });

  it('supports await on promises the code makes itself', async () => {
    expect(await run('const v = await Promise.resolve(5); return v + 1;')).toBe(6);
  });

  it('exposes nothing of the host', async () => {
    expect(
      await run(`return [typeof process, typeof require, typeof globalThis.fetch, typeof setTimeout,
        typeof setInterval, typeof queueMicrotask, typeof module, typeof Buffer,
        typeof WebAssembly, typeof SharedArrayBuffer];`),
    ).toEqual(Array(10).fill('undefined'));
    expect(await failure('return process.env;')).toBe(
      'Code step threw: ReferenceError: process is not defined',
    );
    expect(await failure('return require("fs");')).toMatch(
      /^Code step threw: ReferenceError: require is not defined/,
    );
    expect(await failure('return await globalThis.fetch("http://example.com");')).toMatch(
      /^Code step threw: TypeError/,
    );
    expect(await failure('return await import("node:fs");')).toMatch(
      /^Code step threw: .*Not supported/,
    );
    expect(await failure('await new Promise((r) => setTimeout(r, 10));')).toMatch(
      /setTimeout is not defined/,
    );
  });

  it('reports thrown values and syntax errors clearly', async () => {
    expect(await failure('throw new Error("bad order");')).toBe('Code step threw: bad order');
    expect(await failure('throw new TypeError("bad type");')).toBe(
      'Code step threw: TypeError: bad type',
    );
    expect(await failure('throw "plain";')).toBe('Code step threw: plain');
    expect(await failure('throw { code: 7 };')).toBe('Code step threw: {"code":7}');
    expect(await failure('return (;')).toMatch(/^Code step has invalid JavaScript: SyntaxError/);
    expect(await failure('}); (function () {')).toMatch(/^Code step has invalid JavaScript/);
    expect(await failure('return () => 1;')).toMatch(/not JSON/);
    expect(await failure('const a = {}; a.self = a; return a;')).toMatch(/not JSON.*circular/i);
    expect(
      await failure('JSON.stringify = () => "{\\"value\\":1}"; throw new Error("still")'),
    ).toBe('Code step threw: still');
  });

  it('stops an endless loop at the CPU time limit', async () => {
    const started = performance.now();
    expect(await failure('while (true) {}', { timeoutMs: 200, memoryMb: 64 })).toBe(
      'Code step timed out after 200 ms of CPU time',
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(
      await failure('await null; for (;;) {}', {
        timeoutMs: 100,
        memoryMb: 64,
      }),
    ).toBe('Code step timed out after 100 ms of CPU time');
  });

  it('gives up on a promise that never settles at the wall-clock ceiling', async () => {
    const quick = new IsolatedVmSandbox({ graceMs: 50, wallTimeFactor: 3 });
    try {
      await expect(
        quick.run('await new Promise(() => {});', {}, { timeoutMs: 100, memoryMb: 16 }),
      ).rejects.toThrow(
        'Code step timed out after 300 ms of wall-clock time (its CPU time limit is 100 ms)',
      );
      expect(await quick.run('return 1;', {}, { timeoutMs: 100, memoryMb: 16 })).toBe(1);
    } finally {
      quick.dispose();
    }
  });

  it('stops code allocating ~1 GB at the memory limit; the host lives on', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const grow =
      'const chunks = []; for (let i = 0; i < 1000; i++) chunks.push(new Array(131072).fill(i + 0.5)); return chunks.length;';
    expect(await failure(grow, { timeoutMs: 10_000, memoryMb: 64 })).toBe(
      'Code step exceeded its memory limit of 64 MB',
    );
    const strings = 'const a = []; for (let i = 0; ; i++) a.push("x".repeat(1024) + i);';
    expect(await failure(strings, { timeoutMs: 20_000, memoryMb: 32 })).toBe(
      'Code step exceeded its memory limit of 32 MB',
    );
    const buffers =
      'const b = []; for (let i = 0; i < 64; i++) b.push(new ArrayBuffer(16 * 1024 * 1024)); return b.length;';
    expect(await failure(buffers, { timeoutMs: 10_000, memoryMb: 64 })).toBe(
      'Code step exceeded its memory limit of 64 MB',
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    // A limit: the step's retry setting does not apply.
    await expect(run(grow, {}, { timeoutMs: 10_000, memoryMb: 64 })).rejects.toMatchObject({
      retryable: false,
    });
    expect(await run('return input * 2;', { input: 21 })).toBe(42);
  }, 60_000);

  it('refuses a result over the output limit inside the isolate, before it is copied out', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const err = await run(
      'return "x".repeat(50 * 1024 * 1024 + 10);',
      {},
      { timeoutMs: 10_000, memoryMb: 256 },
    ).then(
      () => undefined,
      (e: unknown) => e as Error & { retryable?: boolean },
    );
    expect(err?.message).toBe(
      'Step output is 52,428,812 bytes, over the 1 MB limit (MINIFLOW_STEP_OUTPUT_MAX_BYTES)',
    );
    expect(err?.retryable).toBe(false);
    // Copied out, the answer alone would be 50 MB of host heap (and its parsed value as much).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);

    const small = { timeoutMs: 1000, memoryMb: 64, maxOutputBytes: 100 };
    expect(await run('return "é".repeat(49);', {}, small)).toBe('é'.repeat(49));
    expect(await failure('return "é".repeat(50);', small)).toBe(
      'Step output is 102 bytes, over the 100 bytes limit (MINIFLOW_STEP_OUTPUT_MAX_BYTES)',
    );
    expect(await run('return input * 2;', { input: 21 })).toBe(42);
  }, 30_000);

  it('stops running code at once when its signal aborts, and runs more code after', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const spinning = sandbox.run(
      'while (true) {}',
      {},
      {
        timeoutMs: 30_000,
        memoryMb: 64,
        signal: controller.signal,
      },
    );
    setTimeout(() => controller.abort(new Error('Step "spin" timed out after 100 ms')), 100);
    await expect(spinning).rejects.toThrow('Step "spin" timed out after 100 ms');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await failure('while (true) {}', { timeoutMs: 100, memoryMb: 64 })).toBe(
      'Code step timed out after 100 ms of CPU time',
    );
    expect(await run('return input + 1;', { input: 1 })).toBe(2);
  });

  it('close() stops code still running and waits until it has unwound', async () => {
    const s = new IsolatedVmSandbox();
    const spinning = s.run('while (true) {}', {}, { timeoutMs: 30_000, memoryMb: 64 });
    spinning.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(spinning).rejects.toThrow();
  });

  it('runs nothing in an isolate made ready after an abort or a close', async () => {
    const s = new IsolatedVmSandbox();
    const controller = new AbortController();
    const aborted = s.run('while (true) {}', {}, { ...limits, signal: controller.signal });
    // Aborted while the isolate is still being created and compiled.
    controller.abort(new Error('Step "spin" timed out after 1 ms'));
    await expect(aborted).rejects.toThrow('Step "spin" timed out after 1 ms');

    const closing = s.run('while (true) {}', {}, { timeoutMs: 30_000, memoryMb: 64 });
    closing.catch(() => undefined);
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(closing).rejects.toThrow('Sandbox is closed');
  });

  it('handles concurrent calls in separate isolates', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        run('let s = 0; for (let k = 0; k < 1e5; k++) s += k; return input + s;', { input: i }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 8 }, (_, i) => i + 4999950000));
  });

  it('limits CPU time, not wall-clock time: more busy steps than cores all pass', async () => {
    // A fixed amount of work, timed alone first; then sixteen times as many copies as there
    // are cores run at once, so each waits for a core most of the time. Measured by the wall
    // clock each would take about sixteen times as long as alone, past a limit of six times
    // (the margin absorbs other processes taking the machine's cores meanwhile).
    const work = 'let s = 0; for (let i = 0; i < 3e7; i++) s += i % 7; return s > 0;';
    const generous = { timeoutMs: 30_000, memoryMb: 32 };
    await run(work, {}, generous);
    const alone: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await run(work, {}, generous);
      alone.push(performance.now() - started);
    }
    const typical = alone.sort((a, b) => a - b)[1]!;
    const steps = Math.max(32, availableParallelism() * 16);
    const limit = { timeoutMs: Math.max(50, Math.ceil(typical * 6)), memoryMb: 32 };
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: steps }, () => run(work, {}, limit)),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failures).toEqual([]);
    // They did share the cores: together they took longer than one step's limit.
    expect(performance.now() - started).toBeGreaterThan(limit.timeoutMs);
  }, 120_000);

  it('refuses calls after dispose', async () => {
    const s = new IsolatedVmSandbox();
    s.dispose();
    await expect(s.run('return 1', {}, limits)).rejects.toThrow('Sandbox is closed');
  });
});
