import { z } from 'zod';
import { jsonValueField } from './params';
import type { StepType } from './step-type';

const params = z
  .object({
    workflowId: z
      .string()
      .trim()
      .min(1, 'Choose the workflow to run')
      .describe('Workflow to start as a child run.')
      .meta({ title: 'Workflow' }),
    input: jsonValueField(
      'Input',
      'Input of the child run; may be a template, e.g. "{{ steps.order }}".',
    ).optional(),
    wait: z
      .boolean()
      .default(true)
      .describe(
        'Wait for the child to finish and output its output; otherwise continue once started.',
      )
      .meta({ title: 'Wait for completion' }),
  })
  .meta({ title: 'Sub-workflow' });

export const subWorkflowStep: StepType<typeof params> = {
  id: 'subWorkflow',
  version: 1,
  displayName: 'Sub-workflow',
  category: 'flow',
  inline: true,
  description: 'Runs another workflow as a child run.',
  params,
  ports: () => ['out'],
  async execute(p) {
    return {
      suspend: {
        kind: 'children',
        workflowId: p.workflowId,
        children: [p.input === undefined ? null : p.input],
        concurrency: 1,
        wait: p.wait,
        collect: 'single',
      },
    };
  },
};
