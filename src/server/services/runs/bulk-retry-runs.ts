import type { z } from 'zod';
import type { Db } from '../../db';
import type { RuntimeContext } from '../../runtime/runtime-context';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { forEachRun } from './bulk-outcome';
import { retryRun } from './retry-run';
import type { bulkRetryRunsInput } from './run-inputs';

/** Retries each selected finished run of the workspace; reports each new run or refusal. */
export async function bulkRetryRuns(
  db: Db,
  runtime: RuntimeContext,
  actor: Actor,
  input: z.infer<typeof bulkRetryRunsInput>,
) {
  requireRole(actor, 'operator');
  const outcomes = await forEachRun(input.ids, (id) =>
    retryRun(db, runtime, actor, {
      id,
      fromFailedStep: input.fromFailedStep,
      latestVersion: input.latestVersion,
    }),
  );
  return { outcomes };
}
