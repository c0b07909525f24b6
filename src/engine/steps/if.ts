import { z } from 'zod';
import { expressionField } from './params';
import { passThrough } from './pass-through';
import type { StepType } from './step-type';
import { isTruthy } from './truthiness';

const params = z
  .object({
    condition: expressionField(
      'Condition',
      'JSONata; truthy (by $boolean rules) takes the "true" port, else "false". ' +
        'E.g. "prev.amount > 1000" (prev: the output of the step before).',
    ),
  })
  .meta({ title: 'If' });

export const ifStep: StepType<typeof params> = {
  id: 'if',
  version: 1,
  displayName: 'If',
  category: 'flow',
  description:
    'Routes to the "true" or "false" port by a condition; passes its input through unchanged.',
  params,
  paramKinds: { condition: 'expression' },
  ports: () => ['true', 'false'],
  inline: true,
  async execute(p, ctx) {
    const result = isTruthy(await ctx.evaluate(p.condition));
    return { output: passThrough(ctx), port: result ? 'true' : 'false' };
  },
};
