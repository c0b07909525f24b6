import { afterAll, describe, expect, it } from 'vitest';
import type { ExpressionContext } from '@/engine';
import { ProcessEvaluator } from './process-evaluator';
import { stepsToSend } from './steps-to-send';

const steps = { fetch: { status: 200 }, big: { rows: [1, 2, 3] }, other: { n: 1 } };

describe('stepsToSend', () => {
  it('sends the outputs the expression names and lists the others', () => {
    expect(stepsToSend('$string(steps.fetch.status)', steps)).toEqual({
      steps: { fetch: { status: 200 } },
      omitted: ['big', 'other'],
    });
    expect(stepsToSend('$lookup(steps, "big").rows', steps).omitted).toEqual(['fetch', 'other']);
  });

  it('sends every output to an expression that writes state, or does not parse', () => {
    expect(stepsToSend('$setState("k", steps.fetch)', steps)).toEqual({ steps, omitted: [] });
    expect(stepsToSend('$incrementState("k")', steps)).toEqual({ steps, omitted: [] });
    expect(stepsToSend('steps.(', steps)).toEqual({ steps, omitted: [] });
  });
});

describe('a context sent in part', () => {
  const evaluator = new ProcessEvaluator({ timeoutMs: 1_000, memoryMb: 64 });
  afterAll(() => evaluator.dispose());
  const context: ExpressionContext = {
    input: { key: 'big' },
    steps,
    vars: {},
    run: { id: 'r', workflowId: 'w', attempt: 1 },
  };
  const evaluate = (source: string) => evaluator.evaluate(source, context, {});

  it('yields what the whole context would', async () => {
    expect(await evaluate('$string(steps.fetch.status)')).toBe('200');
    expect(await evaluate('$keys(steps)')).toEqual(['fetch', 'big', 'other']);
    expect(await evaluate('$count($lookup(steps, input.key).rows)')).toBe(3);
    expect(await evaluate('$lookup(steps, "b" & "ig").rows[0] + 0')).toBe(1);
    expect(await evaluate('$count($each(steps, function($v) { $v }))')).toBe(3);
    expect(await evaluate('$sum(steps.*.n)')).toBe(1);
    expect(await evaluate('$contains($string($$), "rows")')).toBe(true);
    expect(await evaluate('"other" in $keys(steps)')).toBe(true);
    expect(await evaluate('$exists(steps.missing)')).toBe(false);
  });
});
