import { z } from 'zod';
import { expressionField } from './params';
import type { StepType } from './step-type';

const params = z
  .object({
    expression: expressionField(
      'Expression',
      'JSONata over { input, steps, vars, run }; its value is the output, e.g. ' +
        '"steps.fetch.body.items[price > 10].{ "id": id, "total": price * qty }".',
    ),
  })
  .meta({ title: 'Transform' });

export const transformStep: StepType<typeof params> = {
  id: 'transform',
  version: 1,
  displayName: 'Transform',
  category: 'data',
  description: 'Reshapes data with a JSONata expression.',
  params,
  paramKinds: { expression: 'expression' },
  ports: () => ['out'],
  inline: true,
  async execute(p, ctx) {
    const value = await ctx.evaluate(p.expression);
    // JSONata yields undefined for "no match"; undefined does not survive JSON storage.
    return { output: value === undefined ? null : value };
  },
};
