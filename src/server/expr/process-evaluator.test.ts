import { afterAll, describe, expect, it } from 'vitest';
import { ExpressionError, expressionHost, type ExpressionContext } from '@/engine';
import { createMemoryStateStore } from '@/engine/state/memory-state-store';
import { ProcessEvaluator } from './process-evaluator';

const context: ExpressionContext = {
  input: { n: 2, items: [1, 2, 3] },
  prev: { status: 200 },
  steps: { fetch: { status: 200 } },
  vars: { region: 'eu' },
  run: { id: 'r1', workflowId: 'w1', attempt: 1 },
};

const evaluator = new ProcessEvaluator({ timeoutMs: 1_000, memoryMb: 64 });
afterAll(() => evaluator.dispose());

const evaluate = (source: string, host = expressionHost({})) =>
  evaluator.evaluate(source, context, host);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T | Error }> {
  const started = performance.now();
  const result = await work().catch((err: Error) => err);
  return { ms: performance.now() - started, result };
}

describe('ProcessEvaluator', () => {
  it('evaluates JSONata over the context in a separate process', async () => {
    expect(await evaluate('$sum(input.items) + steps.fetch.status')).toBe(206);
    expect(await evaluate('input.items.($ * $$.input.n)')).toEqual([2, 4, 6]);
    expect(await evaluate('$uppercase(vars.region) & "-" & run.id')).toBe('EU-r1');
    expect(await evaluate('$lookup(input, "missing")')).toBeUndefined();
    expect(await evaluate('prev.status = 200 and $prev.status = 200')).toBe(true);
    expect(evaluator.processIds).toHaveLength(1);
    expect(evaluator.processIds).not.toContain(process.pid);
  });

  it('keeps expressions bounded by their data off the pool', async () => {
    const pool = new ProcessEvaluator({ timeoutMs: 1_000, memoryMb: 64 });
    try {
      expect(await pool.evaluate('input.n', context, {})).toBe(2);
      expect(await pool.evaluate('{ "n": $$.input.n, "ok": input.n > 1 }', context, {})).toEqual({
        n: 2,
        ok: true,
      });
      expect(pool.processIds).toEqual([]);
    } finally {
      pool.dispose();
    }
  });

  it('proxies the host functions to the caller', async () => {
    const state = createMemoryStateStore();
    const revealed: string[] = [];
    const host = expressionHost({
      secrets: { get: async (name) => (name === 'token' ? 's3cr3t' : undefined) },
      onSecret: (name) => revealed.push(name),
      state,
      now: () => Date.parse('2024-01-02T03:04:05Z'),
      random: () => 0.25,
    });
    expect(await evaluate('"Bearer " & $secret("token")', host)).toBe('Bearer s3cr3t');
    expect(revealed).toEqual(['token']);
    await expect(evaluate('$secret("nope")', host)).rejects.toThrow(/Secret "nope" is not defined/);
    expect(await evaluate('$setState("seen", {"n": 1}).n', host)).toBe(1);
    expect(await evaluate('$state("seen").n + $incrementState("count", 41)', host)).toBe(42);
    expect(await state.get('count')).toBe(41);
    expect(await evaluate('$setState("seen", $state("gone"))', host)).toBeUndefined();
    expect(await state.get('seen')).toBeUndefined();
    expect(await evaluate('$millis()', host)).toBe(1704164645000);
    expect(await evaluate('$now()', host)).toBe('2024-01-02T03:04:05.000Z');
    expect(await evaluate('$now("[Y0001]-[M01]")', host)).toBe('2024-01');
    expect(await evaluate('$random()', host)).toBe(0.25);
  });

  it('names the expression and the position of a syntax or evaluation error', async () => {
    const error = await evaluate('$number("x") + (').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(/Expression "\$number\("x"\) \+ \(" failed/);
    await expect(evaluate('$number("x")')).rejects.toThrow(/Unable to cast value to a number/);
  });

  it('hands nothing of the evaluator process to an escape attempt', async () => {
    for (const payload of [
      '$string.constructor("return process.pid")()',
      '$lookup($lookup(input, "constructor"), "constructor")("return process.pid")()',
      '$eval("constructor.constructor(\\"return process.pid\\")()")',
    ]) {
      const result = await evaluate(payload).catch(() => 'refused');
      expect(typeof result === 'number', payload).toBe(false);
    }
  });

  it('refuses a huge $pad with the string length limit, and the process lives on', async () => {
    const pid = evaluator.processIds[0];
    const { ms, result } = await timed(() => evaluate("$pad('', 200000000)"));
    expect(result).toBeInstanceOf(ExpressionError);
    expect((result as Error).message).toMatch(/16777216-character string length limit/);
    expect(ms).toBeLessThan(1_000);
    expect(evaluator.processIds).toEqual([pid]);
    expect(await evaluate('$string(input.n)')).toBe('2');
  });

  it('bounds $length over a long string', async () => {
    const { ms, result } = await timed(() => evaluate("$length($pad('', 50000000))"));
    expect((result as Error).message).toMatch(/string length limit/);
    expect(ms).toBeLessThan(1_000);
    const joined = await timed(() => evaluate('$join([1..50000].$pad("", 400), ",")'));
    expect((joined.result as Error).message).toMatch(
      /\$join\(\) exceeded the .* string length limit/,
    );
  });

  it('stops a catastrophic regular expression at the time limit and replaces the process', async () => {
    const before = evaluator.processIds;
    const { ms, result } = await timed(() => evaluate("$match($pad('', 30, 'a') & '!', /(a+)+$/)"));
    expect(result).toBeInstanceOf(ExpressionError);
    expect((result as Error).message).toMatch(/failed: exceeded the 1000 ms time limit/);
    expect(ms).toBeGreaterThanOrEqual(1_000);
    expect(ms).toBeLessThan(2_000);
    const replacement = evaluator.processIds;
    expect(replacement).toHaveLength(1);
    expect(replacement).not.toEqual(before);
    expect(await evaluate('$sum(input.items)')).toBe(6);
    expect(evaluator.processIds).toEqual(replacement);
    expect(evaluator.processIds).toHaveLength(1);
    expect(evaluator.processIds).not.toEqual(before);
  });

  it('reports the memory limit when an expression outgrows the heap', async () => {
    const pool = new ProcessEvaluator({ timeoutMs: 5_000, memoryMb: 32 });
    try {
      const grow = '$count([1..60].$pad("", 1000000, $string($)))';
      const { result } = await timed(() => pool.evaluate(grow, context, {}));
      expect((result as Error).message).toMatch(/exceeded the 32 MB memory limit/);
      expect(await pool.evaluate('$sum([1, 2])', context, {})).toBe(3);
    } finally {
      pool.dispose();
    }
  });

  it('runs evaluations side by side on separate processes', async () => {
    const slow = evaluate("$match($pad('', 30, 'a') & '!', /(a+)+$/)").catch((e: Error) => e);
    const { ms, result } = await timed(() => evaluate('$sum([1, 2, 3])'));
    expect(result).toBe(6);
    expect(ms).toBeLessThan(900);
    expect(await slow).toBeInstanceOf(ExpressionError);
  });

  it('refuses evaluations past the limit of waiting ones, retryably, and serves the rest', async () => {
    const pool = new ProcessEvaluator({ timeoutMs: 1_000, memoryMb: 64, maxWaiting: 2 });
    try {
      const calls = Array.from({ length: 4 }, (_, i) =>
        pool.evaluate(`$sum([${i}, 1])`, context, {}).catch((e: Error) => e),
      );
      const results = await Promise.all(calls);
      expect(results.slice(0, 2)).toEqual([1, 2]);
      for (const refused of results.slice(2)) {
        expect(refused).toBeInstanceOf(ExpressionError);
        expect((refused as ExpressionError).code).toBe('busy');
        expect((refused as Error).message).toContain('limit of waiting evaluations is 2');
      }
      expect(await pool.evaluate('$sum([5, 1])', context, {})).toBe(6);
    } finally {
      pool.dispose();
    }
  });
});
