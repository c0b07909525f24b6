import { describe, expect, it } from 'vitest';
import type { ExpressionEvaluator } from '../ports';
import type { ExpressionContext } from './context';
import { evaluateExpression } from './evaluate';
import { ExpressionError } from './expression-error';

const context: ExpressionContext = {
  input: { user: { name: 'Ada' }, items: [1, 2, 3] },
  steps: { fetch: { status: 200 } },
  vars: { region: 'eu' },
  run: { id: 'r1', workflowId: 'w1', attempt: 1 },
};

const secrets = {
  get: async (name: string) => (name === 'token' ? 's3cr3t' : undefined),
};

describe('evaluateExpression', () => {
  it('reads the context', async () => {
    expect(await evaluateExpression('input.user.name', context)).toBe('Ada');
    expect(await evaluateExpression('steps.fetch.status + 1', context)).toBe(201);
    expect(await evaluateExpression('$sum(input.items)', context)).toBe(6);
    expect(await evaluateExpression('vars.region & "-" & run.id', context)).toBe('eu-r1');
  });

  it('binds the context parts as variables too', async () => {
    expect(await evaluateExpression('input.items.($ * 2)', context)).toEqual([2, 4, 6]);
    expect(await evaluateExpression('input.items.($ + $input.items[0])', context)).toEqual([
      2, 3, 4,
    ]);
  });

  it('returns plain arrays', async () => {
    const result = await evaluateExpression('input.items[$ > 1]', context);
    expect(Array.isArray(result)).toBe(true);
    expect(Object.keys(result as object)).toEqual(['0', '1']);
  });

  it('reads secrets through the port and reports them', async () => {
    const seen: string[] = [];
    const value = await evaluateExpression('"Bearer " & $secret("token")', context, {
      secrets,
      onSecret: (name, v) => seen.push(`${name}=${v}`),
    });
    expect(value).toBe('Bearer s3cr3t');
    expect(seen).toEqual(['token=s3cr3t']);
  });

  it('fails clearly on a missing secret or without the port', async () => {
    await expect(evaluateExpression('$secret("nope")', context, { secrets })).rejects.toThrow(
      /Secret "nope" is not defined/,
    );
    await expect(evaluateExpression('$secret("token")', context)).rejects.toThrow(/not available/);
  });

  it('uses the injected clock and randomness', async () => {
    const options = { now: () => Date.UTC(2024, 0, 2, 3, 4, 5), random: () => 0.25 };
    expect(await evaluateExpression('$millis()', context, options)).toBe(1704164645000);
    expect(await evaluateExpression('$now()', context, options)).toBe('2024-01-02T03:04:05.000Z');
    expect(await evaluateExpression('$now("[Y0001]-[M01]")', context, options)).toBe('2024-01');
    expect(await evaluateExpression('$random()', context, options)).toBe(0.25);
  });

  it('names the expression in syntax and runtime errors', async () => {
    await expect(evaluateExpression('input.(', context)).rejects.toThrow(ExpressionError);
    await expect(evaluateExpression('input.(', context)).rejects.toThrow(/Expression "input\.\("/);
    await expect(evaluateExpression('$number("x")', context)).rejects.toThrow(
      /Expression "\$number\("x"\)" failed/,
    );
  });

  it('stops runaway recursion', async () => {
    const loop = '($f := function($n) { $f($n + 1) }; $f(0))';
    const error = await evaluateExpression(loop, context).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toMatch(/failed: exceeded the 1000 ms time limit/);
  });

  it('runs on the evaluator it is given, with the caller functions bound as host', async () => {
    const seen: string[][] = [];
    const evaluator: ExpressionEvaluator = {
      evaluate: async (_source, _context, host) => {
        seen.push(Object.keys(host).sort());
        return host.millis?.();
      },
    };
    expect(await evaluateExpression('$millis()', context, { evaluator, now: () => 7 })).toBe(7);
    expect(seen).toEqual([['flag', 'incrementState', 'millis', 'secret', 'setState', 'state']]);
  });
});
