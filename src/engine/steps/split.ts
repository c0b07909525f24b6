import { z } from 'zod';
import { bucketOf, pickByWeight } from '../flags/fnv1a';
import { expressionField, identifierPattern } from './params';
import { passThrough } from './pass-through';
import { StepError, type StepType } from './step-type';

const variant = z.object({
  name: z
    .string()
    .regex(identifierPattern, 'Variant names are identifiers: letters, digits and "_"')
    .describe('The variant, which is also the name of its output port.')
    .meta({ title: 'Variant' }),
  weight: z
    .number()
    .min(0, 'Weights are 0 or more')
    .max(10000, 'Weights are at most 10000')
    .describe('Share of keys sent to this variant, relative to the other weights.')
    .meta({ title: 'Weight' }),
});

const params = z
  .object({
    variants: z
      .array(variant)
      .min(2, 'A split has at least two variants')
      .max(20, 'At most 20 variants')
      .default([
        { name: 'a', weight: 50 },
        { name: 'b', weight: 50 },
      ])
      .superRefine((variants, ctx) => {
        const seen = new Set<string>();
        variants.forEach((v, i) => {
          if (v.name === 'error' || seen.has(v.name)) {
            const why = seen.has(v.name) ? 'is used twice' : 'is reserved';
            ctx.addIssue({
              code: 'custom',
              path: [i, 'name'],
              message: `Variant "${v.name}" ${why}`,
            });
          }
          seen.add(v.name);
        });
        if (!variants.some((v) => v.weight > 0)) {
          ctx.addIssue({ code: 'custom', message: 'At least one variant needs a weight above 0' });
        }
      })
      .describe('Each variant is an output port; keys are spread over them by weight.')
      .meta({ title: 'Variants' }),
    key: expressionField(
      'Key',
      'JSONata giving the key that picks the variant, e.g. "input.customerId": the same key ' +
        'always takes the same port of this step.',
    ).default('$string(run.id)'),
  })
  .meta({ title: 'A/B Split' });

/**
 * A/B split: a sticky hash of the key, seeded by the workflow and the step, picks the port, so
 * one customer sees one variant across runs while two split steps bucket independently.
 */
export const splitStep: StepType<typeof params> = {
  id: 'split',
  version: 1,
  displayName: 'A/B Split',
  category: 'flow',
  description:
    'Sends each key to one variant port by weight, always the same port for the same key.',
  params,
  paramKinds: { key: 'expression', variants: 'nestedExpressions' },
  ports: (p) => p.variants.map((v) => v.name),
  inline: true,
  async execute(p, ctx) {
    const key = await ctx.evaluate(p.key);
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new StepError(
        `Split key must give a string or a number, got ${key === undefined ? 'nothing' : JSON.stringify(key)}`,
        {
          retryable: false,
        },
      );
    }
    const picked = pickByWeight(
      p.variants,
      bucketOf(`${ctx.run.workflowId}:${ctx.nodeId}:`, String(key)),
    );
    return { output: passThrough(ctx), port: picked!.name };
  },
};
