import { z } from 'zod';
import type { StepType } from './step-type';

const params = z
  .object({
    level: z
      .enum(['debug', 'info', 'warn', 'error'])
      .default('info')
      .describe('Log level.')
      .meta({ title: 'Level' }),
    message: z
      .string()
      .default('')
      .describe('Message; may contain templates, e.g. "Order {{ input.id }} received".')
      .meta({ title: 'Message' }),
  })
  .meta({ title: 'Log' });

export const logStep: StepType<typeof params> = {
  id: 'log',
  version: 1,
  displayName: 'Log',
  category: 'utility',
  inline: true,
  description: "Writes a line to the run's log.",
  params,
  ports: () => ['out'],
  async execute(p, ctx) {
    ctx.logger.log(p.level, p.message, {
      runId: ctx.run.id,
      nodeId: ctx.nodeId,
    });
    return { output: { level: p.level, message: p.message } };
  },
};
