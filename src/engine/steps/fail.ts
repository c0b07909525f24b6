import { z } from 'zod';
import { StepError, type StepType } from './step-type';

const params = z
  .object({
    message: z
      .string()
      .min(1)
      .default('Workflow failed')
      .describe('Error message; may contain templates.')
      .meta({ title: 'Message' }),
  })
  .meta({ title: 'Fail' });

export const failStep: StepType<typeof params> = {
  id: 'fail',
  version: 1,
  displayName: 'Fail',
  category: 'utility',
  inline: true,
  description: 'Fails the step with a message (no retries); use it to stop a run on purpose.',
  params,
  // It never succeeds, so it has no success port; an error port is the engine's to add.
  ports: () => [],
  async execute(p) {
    throw new StepError(p.message, { retryable: false });
  },
};
