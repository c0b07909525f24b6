import { z } from 'zod';
import { expressionField } from './params';
import { StepError, type StepType } from './step-type';

const params = z
  .object({
    items: expressionField(
      'Items',
      'JSONata giving the list to iterate, e.g. "steps.fetch.body.orders". ' +
        'A single value counts as a list of one; nothing as an empty list.',
    ),
    workflowId: z
      .string()
      .trim()
      .min(1, 'Choose the workflow to run for each item')
      .describe('Workflow run once per item, with the item as its input.')
      .meta({ title: 'Workflow' }),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(4)
      .describe('How many item runs may go at once.')
      .meta({ title: 'Concurrency' }),
  })
  .meta({ title: 'For Each' });

/** Upper bound on children per step, so one expression cannot enqueue millions of runs. */
export const MAX_FOR_EACH_ITEMS = 10_000;

export const forEachStep: StepType<typeof params> = {
  id: 'forEach',
  version: 1,
  displayName: 'For Each',
  category: 'flow',
  inline: true,
  description:
    'Runs a workflow once per item (a few at a time) and outputs their outputs, in item order.',
  params,
  paramKinds: { items: 'expression' },
  ports: () => ['out'],
  async execute(p, ctx) {
    const value = await ctx.evaluate(p.items);
    // JSONata unwraps one-element sequences, so a lone value means a list of one.
    const items =
      value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    if (items.length > MAX_FOR_EACH_ITEMS) {
      throw new StepError(
        `For Each got ${items.length} items; the limit is ${MAX_FOR_EACH_ITEMS}`,
        { retryable: false },
      );
    }
    return {
      suspend: {
        kind: 'children',
        workflowId: p.workflowId,
        children: items,
        concurrency: p.concurrency,
        wait: true,
        collect: 'array',
      },
    };
  },
};
