import { z } from 'zod';
import type { StepType } from './step-type';

const params = z.object({}).meta({ title: 'Manual Trigger' });

/** Started by hand (UI, API, CLI); the run's input is whatever the caller passed. */
export const manualStep: StepType<typeof params> = {
  id: 'manual',
  version: 1,
  displayName: 'Manual Trigger',
  category: 'trigger',
  inline: true,
  description: 'Starts the workflow when someone runs it from the UI, the API or the CLI.',
  params,
  ports: () => ['out'],
  trigger: true,
  async execute(_params, ctx) {
    return { output: ctx.input };
  },
};
