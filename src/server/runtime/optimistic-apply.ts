import { isRunFinal, type RunState } from '@/engine';
import { runEvents, startFreshRun, type RunRow } from './apply-events';
import type { NewRun } from './create-run-row';
import { NeedsLockError, StaleRunError } from './event-loop';
import type { JobHold } from './hand-over';
import type { RuntimeContext } from './runtime-context';
import type { TimedEvent } from './runtime-types';
import type { FreshRunGuard } from './save-run';
import { pgSql } from './sql';

/**
 * The common case without a transaction: most events (a queued step's result, a webhook's
 * new run) are applied by one statement, the guarded save. Locking the row first costs
 * three more round trips (BEGIN, SELECT … FOR UPDATE, COMMIT) and holds a connection for
 * the whole time inline steps run. Instead, the event is applied to the state as it was
 * read, and saved only if the run's `stateVersion` has not moved meanwhile (a fresh run:
 * only if its workflow and webhook are still as the request found them). Anything else
 * (the run changed, child runs to start or cancel, a timer to remove, a concurrency slot
 * to hand on) returns undefined, having written nothing, and the caller applies the same
 * event the locking way (applyEvents), which handles every case. Inline steps are pure,
 * so running them again there is harmless.
 */
export async function applyWithoutLock(
  ctx: RuntimeContext,
  run: RunRow,
  events: TimedEvent[],
  /** The queue job the caller holds, to which the run's next step may be handed. */
  hold?: JobHold,
): Promise<RunState | undefined> {
  const state = run.state;
  if (!state || isRunFinal(state.status) || state.status === 'queued') return undefined;
  if (run.concurrencyLimit !== null || run.reuseOutputs) return undefined;
  return optimistically(() =>
    runEvents(pgSql(ctx.pool), ctx, run, state, events, {
      optimistic: { expectedVersion: run.stateVersion, ...(hold ? { hold } : {}) },
    }),
  );
}

/** Creates and starts a run in one guarded statement (see applyWithoutLock). */
export function startWithoutLock(
  ctx: RuntimeContext,
  run: NewRun,
  guard: FreshRunGuard,
): Promise<{ id: string; state: RunState } | undefined> {
  return optimistically(() => startFreshRun(pgSql(ctx.pool), ctx, run, { guard }));
}

async function optimistically<T>(attempt: () => Promise<T>): Promise<T | undefined> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof NeedsLockError || error instanceof StaleRunError) return undefined;
    throw error;
  }
}
