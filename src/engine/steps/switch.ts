import { z } from 'zod';
import { expressionField, identifierPattern } from './params';
import { passThrough } from './pass-through';
import type { StepType } from './step-type';
import { isTruthy } from './truthiness';

const switchCase = z.object({
  port: z
    .string()
    .regex(identifierPattern, 'Port names are identifiers: letters, digits and "_"')
    .describe('Output port taken when the condition holds.')
    .meta({ title: 'Port' }),
  condition: expressionField(
    'Condition',
    'JSONata expression, e.g. "input.priority = \'high\'".',
    true,
  ),
});

const params = z
  .object({
    cases: z
      .array(switchCase)
      .max(50)
      .default([])
      .superRefine((cases, ctx) => {
        const seen = new Set<string>();
        cases.forEach((c, i) => {
          if (c.port === 'default' || c.port === 'error' || seen.has(c.port)) {
            const why = seen.has(c.port) ? 'is used twice' : 'is reserved';
            ctx.addIssue({
              code: 'custom',
              path: [i, 'port'],
              message: `Port "${c.port}" ${why}`,
            });
          }
          seen.add(c.port);
        });
      })
      .describe(
        'Checked in order; the first case whose condition (a JSONata expression) is truthy ' +
          'picks the port. None matching takes "default".',
      )
      .meta({ title: 'Cases' }),
  })
  .meta({ title: 'Switch' });

export const switchStep: StepType<typeof params> = {
  id: 'switch',
  version: 1,
  displayName: 'Switch',
  category: 'flow',
  description:
    'Routes to the port of the first matching case, or "default"; passes its input through.',
  params,
  paramKinds: { cases: 'nestedExpressions' },
  ports: (p) => [...p.cases.map((c) => c.port), 'default'],
  inline: true,
  async execute(p, ctx) {
    for (const c of p.cases) {
      if (isTruthy(await ctx.evaluate(c.condition))) {
        return { output: passThrough(ctx), port: c.port };
      }
    }
    return { output: passThrough(ctx), port: 'default' };
  },
};
