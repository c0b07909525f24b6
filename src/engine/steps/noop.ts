import { z } from 'zod';
import { passThrough } from './pass-through';
import type { StepType } from './step-type';

const params = z.object({}).meta({ title: 'No Operation' });

export const noopStep: StepType<typeof params> = {
  id: 'noop',
  version: 1,
  displayName: 'No Operation',
  category: 'utility',
  description: 'Does nothing and passes its input through; handy as a placeholder or junction.',
  params,
  ports: () => ['out'],
  inline: true,
  async execute(_params, ctx) {
    return { output: passThrough(ctx) };
  },
};
