import type { RunError } from './run-state';

type FinalStatus = 'succeeded' | 'failed' | 'cancelled';

/** A child run started with `wait: false`, as an inline run reports it. */
export interface InlineDetachedRun {
  runId: string;
  /** The step that started it, and the item index it was started for. */
  nodeId: string;
  index: number;
  workflowId: string;
  status: 'running' | FinalStatus;
  error?: RunError;
}

/**
 * The detached child runs of one inline run tree, wherever in the tree they were started.
 * Nobody waits for them: they outlive the step and the run that started them, and only
 * `cancel` (the root's abort signal, or its deadline while the caller waits) stops them.
 */
export class DetachedRuns {
  private readonly runs: InlineDetachedRun[] = [];
  private readonly controllers = new Set<AbortController>();
  private waiters: (() => void)[] = [];
  private cancelled: { reason: unknown } | undefined;

  get running(): number {
    return this.controllers.size;
  }

  /**
   * Tracks the run from the moment its command is carried out, before its workflow is even
   * resolved, so `settled` cannot miss one still being set up. `run` rejecting counts as the
   * child failing.
   */
  start(
    entry: Omit<InlineDetachedRun, 'status' | 'error'>,
    run: (signal: AbortSignal) => Promise<{ status: FinalStatus; error?: RunError }>,
  ): void {
    const record: InlineDetachedRun = { ...entry, status: 'running' };
    const controller = new AbortController();
    this.runs.push(record);
    this.controllers.add(controller);
    // Started by a run that was still winding down after the tree was cancelled.
    if (this.cancelled) controller.abort(this.cancelled.reason);
    void run(controller.signal)
      .then(
        (result) => {
          record.status = result.status;
          if (result.error) record.error = result.error;
        },
        (err: unknown) => {
          record.status = 'failed';
          record.error = { message: err instanceof Error ? err.message : String(err) };
        },
      )
      .finally(() => {
        this.controllers.delete(controller);
        if (this.controllers.size > 0) return;
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      });
  }

  /** Cancels every detached run, and any started from now on, with `reason`. */
  cancel(reason: unknown): void {
    this.cancelled ??= { reason };
    for (const controller of this.controllers) controller.abort(reason);
  }

  /** Resolves once no detached run is going. */
  settled(): Promise<void> {
    if (this.controllers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Every detached run so far, in start order. */
  list(): InlineDetachedRun[] {
    return this.runs.map((run) => ({ ...run }));
  }
}
