import { z } from 'zod';
import type { RunStatus, TriggerType } from '@/generated/prisma/enums';
import { RUN_STATUSES, TRIGGER_TYPES } from '@/shared/run-filters';
import { storableJson } from '../storable-json';

const id = z.string().min(1, 'must not be empty').max(64, 'is not an id');

export const startRunInput = z.object({
  workflowId: id,
  input: storableJson.optional(),
  /** Run a specific version (default: the published one). */
  versionId: id.optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
});

export const runIdInput = z.object({ id });

export const retryRunInput = z.object({
  id,
  /** Retry from the failed step, reusing the outputs of the steps before it. */
  fromFailedStep: z.boolean().default(false),
  /** Run the workflow's latest published version instead of the failed run's. */
  latestVersion: z.boolean().default(false),
  /** Run again with this input instead of the original run's. */
  input: storableJson.optional(),
});

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' });

export const listRunsInput = z
  .object({
    workflowId: id.optional(),
    status: z.enum(RUN_STATUSES).optional(),
    trigger: z.enum(TRIGGER_TYPES).optional(),
    /** Runs created at or after this instant. */
    from: instant.optional(),
    /** Runs created before this instant. */
    to: instant.optional(),
    /** A run id: the page holds that run only (when it matches the other filters). */
    q: z.string().trim().max(64, 'is not a run id').optional(),
    limit: z.number().int().min(1).max(200).default(50),
    /** The id of the last run of the previous page. */
    cursor: id.optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), {
    path: ['to'],
    message: 'must be after from',
  });

export const bulkRunIdsInput = z.object({
  ids: z
    .array(id)
    .min(1, 'select at least one run')
    .max(200, 'at most 200 runs at once')
    .transform((ids) => [...new Set(ids)]),
});

export const bulkRetryRunsInput = bulkRunIdsInput.extend({
  fromFailedStep: z.boolean().default(false),
  latestVersion: z.boolean().default(false),
});

// The filter lists and the database enums must never drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<(typeof RUN_STATUSES)[number], RunStatus> = true;
const triggersMatch: Same<(typeof TRIGGER_TYPES)[number], TriggerType> = true;
void statusesMatch;
void triggersMatch;
