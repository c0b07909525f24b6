import { z } from 'zod';
import type { StepType } from './step-type';

const params = z
  .object({
    mode: z
      .enum(['all', 'first'])
      .default('all')
      .describe(
        'all: wait for every incoming branch that runs, output { <stepId>: output }; ' +
          'first: continue with the first branch to arrive, output its output.',
      )
      .meta({ title: 'Mode' }),
  })
  .meta({ title: 'Merge' });

/** When the node runs (all arrived / first arrived) is the engine's join rule, not ours. */
export const mergeStep: StepType<typeof params> = {
  id: 'merge',
  version: 1,
  displayName: 'Merge',
  category: 'flow',
  description: 'Joins branches back together.',
  params,
  ports: () => ['out'],
  inline: true,
  async execute(p, ctx) {
    if (p.mode === 'all') return { output: { ...ctx.predecessors } };
    const first = Object.values(ctx.predecessors)[0];
    return { output: first === undefined ? null : first };
  },
};
