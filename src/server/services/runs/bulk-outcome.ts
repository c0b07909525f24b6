import { AppError } from '../../errors';

/** What happened to one run of a bulk action. */
export type BulkOutcome =
  | { id: string; ok: true; status: string; runId?: string }
  | { id: string; ok: false; error: string };

/**
 * Applies `action` to each run in turn, each in its own transaction: one run that cannot be
 * cancelled or retried never undoes or blocks the others, and each gets its own outcome.
 * Only errors raised on purpose are reported; anything else is a bug and propagates.
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
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ id, ok: false, error: err.message });
    }
  }
  return outcomes;
}
