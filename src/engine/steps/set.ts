import { z } from 'zod';
import type { StepType } from './step-type';

const params = z
  .object({
    values: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        'Fields of the output object. Values may be templates, e.g. ' +
          '{ "fullName": "{{ input.first & \' \' & input.last }}" }.',
      )
      .meta({ title: 'Fields' }),
  })
  .meta({ title: 'Set Fields' });

/** The engine resolves the templates before execute, so the values are already final. */
export const setStep: StepType<typeof params> = {
  id: 'set',
  version: 1,
  displayName: 'Set Fields',
  category: 'data',
  description: 'Outputs an object built from fixed values and templates.',
  params,
  ports: () => ['out'],
  inline: true,
  async execute(p) {
    return { output: p.values };
  },
};
