import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../expr/expression-error';
import type { ExpressionEvaluator } from '../ports';
import { defaultRegistry } from '../steps/registry';
import { createMemoryPorts } from '../testing/memory-ports';
import { runStep, type RunStepOptions } from './run-step';

/** An evaluator that records what it is asked and answers with a fixed value. */
function recordingEvaluator(answer: (source: string) => unknown) {
  const seen: { source: string; input: unknown; host: string[] }[] = [];
  const evaluator: ExpressionEvaluator = {
    async evaluate(source, context, host) {
      seen.push({ source, input: context.input, host: Object.keys(host).sort() });
      return answer(source);
    },
  };
  return { evaluator, seen };
}

function options(node: RunStepOptions['node'], expressions: ExpressionEvaluator): RunStepOptions {
  return {
    registry: defaultRegistry,
    node,
    attempt: 1,
    run: { id: 'r', workflowId: 'w', attempt: 1 },
    input: { name: 'Ada' },
    steps: {},
    predecessors: {},
    vars: {},
    ports: { ...createMemoryPorts(), clock: { now: () => 0 }, expressions },
  };
}

describe('runStep with an expression evaluator port', () => {
  it('evaluates templates and expression params through the port, host functions included', async () => {
    const { evaluator, seen } = recordingEvaluator((source) => `<${source}>`);
    const set = await runStep(
      options(
        { id: 's', type: 'set', params: { values: { x: '{{ $trim(input.name) }}' } } },
        evaluator,
      ),
    );
    expect(set).toMatchObject({ type: 'stepSucceeded', output: { x: '<$trim(input.name)>' } });
    const transform = await runStep(
      options(
        { id: 't', type: 'transform', params: { expression: '$uppercase(input.name)' } },
        evaluator,
      ),
    );
    expect(transform).toMatchObject({ type: 'stepSucceeded', output: '<$uppercase(input.name)>' });
    expect(seen.map((s) => s.source)).toEqual(['$trim(input.name)', '$uppercase(input.name)']);
    expect(seen[0]!.input).toEqual({ name: 'Ada' });
    expect(seen[0]!.host).toEqual([
      'flag',
      'incrementState',
      'millis',
      'random',
      'secret',
      'setState',
      'state',
    ]);
  });

  it('fails the step without retry when the evaluator reports an exceeded limit', async () => {
    const evaluator: ExpressionEvaluator = {
      evaluate: async (source) => {
        throw new ExpressionError(
          source,
          'exceeded the 1000 ms time limit',
          undefined,
          'time-limit',
        );
      },
    };
    const event = await runStep(
      options({ id: 's', type: 'set', params: { values: { x: '{{ $slow() }}' } } }, evaluator),
    );
    expect(event).toMatchObject({
      type: 'stepFailed',
      error: {
        message: expect.stringMatching(/exceeded the 1000 ms time limit/),
        retryable: false,
      },
    });
  });
});
