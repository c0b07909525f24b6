import { ERROR_PORT } from '../definition/workflow.schema';
import type { Draft } from './draft';
import { failRun } from './finish-run';
import { retryDelay, shouldRetry } from './retry-policy';
import type { StepErrorInfo } from './run-state';
import { finishNode, releaseAttempt, scheduleNode } from './step-flow';

/**
 * One attempt of a node failed (it threw, timed out or a child failed). Retries while the
 * policy allows, then applies onError: 'continue' goes on as if the step succeeded with
 * `{ error }`, 'errorPort' routes `{ error }` to the error port, 'fail' fails the run.
 */
export function failAttempt(
  d: Draft,
  index: number,
  error: StepErrorInfo,
  timerThatFired?: string,
): void {
  const node = d.graph.nodes[index];
  const state = d.node(index);
  if (shouldRetry(node?.retry, state.attempts, error.retryable) && node?.retry) {
    releaseAttempt(d, index, timerThatFired);
    d.update(index, { error });
    d.recordAttempt(index, 'failed', { error });
    const delay = retryDelay(node.retry, state.attempts, d.env.random);
    scheduleNode(d, index, state.attempts + 1, d.now + delay);
    return;
  }
  const output = { error: { message: error.message } };
  switch (node?.onError ?? 'fail') {
    case 'continue':
      finishNode(d, index, { output, error }, timerThatFired);
      return;
    case 'errorPort':
      finishNode(d, index, { output, error, port: ERROR_PORT, status: 'failed' }, timerThatFired);
      return;
    default:
      releaseAttempt(d, index, timerThatFired);
      d.update(index, { status: 'failed', error, finishedAt: d.now });
      d.recordAttempt(index, 'failed', { error });
      failRun(d, { message: `Step "${state.id}" failed: ${error.message}`, nodeId: state.id });
  }
}
