import { z } from 'zod';

const id = z.string().min(1, 'must not be empty').max(64, 'is not an id');

export const listSchedulesInput = z.object({ workflowId: id.optional() }).default({});

export const scheduleIdInput = z.object({ id });

export const listScheduleFiresInput = z.object({
  id,
  limit: z.number().int().min(1).max(200).default(50),
  /** Fires before this one (its `fireAt`), for the next page. */
  before: z.coerce.date().optional(),
});
