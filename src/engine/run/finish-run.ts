import type { Draft } from './draft';
import { isNodeActive, isNodeFinal, type RunError, type RunStatus } from './run-state';
import { releaseAttempt } from './step-flow';
import { RUN_TIMEOUT_TIMER } from './timer-id';

/** Ends the run in failure: steps in flight are cancelled, steps that never ran skipped. */
export function failRun(d: Draft, error: RunError): void {
  stopEverything(d, 'skipped', error);
  d.run.error = error;
  end(d, 'failed', undefined, error);
}

/** Ends the run on request: everything not final yet is cancelled. */
export function cancelRun(d: Draft, reason?: string): void {
  const error = { message: reason ? `Cancelled: ${reason}` : 'Cancelled' };
  stopEverything(d, 'cancelled', error);
  d.run.error = error;
  end(d, 'cancelled', undefined, error);
}

/**
 * Ends the run successfully once every node is final. The output is what a `respond` step
 * returned, else the outputs of the leaf steps that succeeded, keyed by id.
 */
export function succeedRun(d: Draft): void {
  let output: unknown;
  if (d.run.respond) {
    output = d.run.respond.output;
  } else {
    const leaves: Record<string, unknown> = {};
    for (const index of d.graph.leaves) {
      const state = d.node(index);
      if (state.status === 'succeeded') leaves[state.id] = state.output;
    }
    output = leaves;
  }
  d.run.output = output;
  end(d, 'succeeded', output);
}

function end(
  d: Draft,
  status: Extract<RunStatus, 'succeeded' | 'failed' | 'cancelled'>,
  output?: unknown,
  error?: RunError,
): void {
  d.setRunStatus(status);
  d.run.finishedAt = d.now;
  if (d.run.timeoutMs !== undefined) d.emit({ type: 'cancelTimer', timerId: RUN_TIMEOUT_TIMER });
  d.emit({
    type: 'finishRun',
    status,
    ...(output === undefined ? {} : { output }),
    ...(error ? { error } : {}),
  });
}

/** The one place a run scans every node: it ends, so everything left is affected. */
function stopEverything(d: Draft, pendingBecomes: 'skipped' | 'cancelled', why: RunError): void {
  if (d.counts.open === 0) return;
  for (let index = 0; index < d.nodes.length; index++) {
    const state = d.node(index);
    if (isNodeFinal(state.status)) continue;
    if (state.status === 'pending') {
      d.update(index, { status: pendingBecomes, finishedAt: d.now });
      continue;
    }
    releaseAttempt(d, index);
    if (isNodeActive(state.status)) {
      d.emit({ type: 'cancelStep', nodeId: state.id, attempt: state.attempts });
    }
    d.update(index, { status: 'cancelled', finishedAt: d.now });
    d.recordAttempt(index, 'cancelled', { error: { message: why.message } });
  }
}
