import { z } from 'zod';
import { flagKey, flagSchema, segmentSchema } from '@/engine';

export const flagKeyInput = z.object({ key: flagKey });

/** Create or replace: the whole flag document, its key included. */
export const putFlagInput = flagSchema;

export const evaluationContextSchema = z
  .record(z.string().max(100), z.json())
  .refine((c) => Object.keys(c).length <= 100, 'At most 100 attributes')
  .describe('Context attributes; `targetingKey` is the default bucketing attribute.');

export const tryFlagInput = z.object({ key: flagKey, context: evaluationContextSchema });

export const segmentKeyInput = z.object({ key: flagKey });

/** Create or replace: the whole segment document, its key included. */
export const putSegmentInput = segmentSchema;
