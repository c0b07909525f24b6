import type { z } from 'zod';
import type { Db } from '../../db';
import type { RuntimeContext } from '../../runtime/runtime-context';
import type { Actor } from '../actor';
import { requireRole } from '../actor';
import { forEachRun } from './bulk-outcome';
import { cancelRun } from './cancel-run';
import type { bulkRunIdsInput } from './run-inputs';

/** Cancels each selected run of the workspace that has not finished; reports each outcome. */
export async function bulkCancelRuns(
  db: Db,
  runtime: RuntimeContext,
  actor: Actor,
  input: z.infer<typeof bulkRunIdsInput>,
) {
  requireRole(actor, 'operator');
  const outcomes = await forEachRun(input.ids, async (id) => {
    const { status } = await cancelRun(db, runtime, actor, id);
    return { status };
  });
  return { outcomes };
}
