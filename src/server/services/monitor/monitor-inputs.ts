import { z } from 'zod';

export const RESULT_WINDOWS = ['1h', '24h', '7d'] as const;
export type ResultWindow = (typeof RESULT_WINDOWS)[number];

const id = z.string().min(1, 'must not be empty').max(64, 'is not an id');

export const resultMonitorInput = z
  .object({
    window: z.enum(RESULT_WINDOWS, { message: 'must be one of 1h, 24h, 7d' }).default('24h'),
    workflowId: id.optional(),
  })
  .default({ window: '24h' });

export const queueMonitorInput = z.object({}).default({});

export const homeDashboardInput = z.object({}).default({});
