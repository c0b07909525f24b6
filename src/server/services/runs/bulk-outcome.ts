import { AppError } from '../../errors';
import { logger } from '../../logger';

/** What happened to one run of a bulk action. */
export type BulkOutcome =
  | { id: string; ok: true; status: string; runId?: string }
  | { id: string; ok: false; error: string };

/**
 * Applies `action` to each run in turn, each in its own transaction: one run that cannot be
 * cancelled or retried never undoes or blocks the others, and each gets its own outcome.
 * Errors raised on purpose are reported as they are. Anything else is logged and reported as
 * an internal error for that run only: the runs before it have committed, so failing the
 * whole call would hide what was done.
 */
export async function forEachRun(
  ids: string[],
  action: (id: string) => Promise<{ status: string; runId?: string }>,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const id of ids) {
    try {
      outcomes.push({ id, ok: true, ...(await action(id)) });
    } catch (err) {
      if (err instanceof AppError) {
        outcomes.push({ id, ok: false, error: err.message });
      } else {
        logger.error({ err, runId: id }, 'Bulk run action failed');
        outcomes.push({ id, ok: false, error: 'Internal error' });
      }
    }
  }
  return outcomes;
}
