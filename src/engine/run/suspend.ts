import type { Suspension } from '../steps/step-type';
import type { Draft } from './draft';
import type { RunEvent } from './events';
import { failAttempt } from './fail-step';
import type { ChildrenProgress } from './run-state';
import { finishNode } from './step-flow';
import { delayTimer } from './timer-id';

/**
 * A step asked to wait instead of finishing: a durable delay, or child runs. No worker slot
 * is held meanwhile; the node is 'waiting' until a timer or the children report back.
 */
export function suspendNode(d: Draft, index: number, suspension: Suspension): void {
  const state = d.node(index);
  if (suspension.kind === 'delay') {
    if (suspension.until <= d.now) {
      finishNode(d, index, { output: suspension.output });
      return;
    }
    d.update(index, {
      status: 'waiting',
      delay: { until: suspension.until, output: suspension.output },
    });
    d.recordAttempt(index, 'waiting');
    d.emit({
      type: 'startTimer',
      timerId: delayTimer(state.id, state.attempts),
      at: suspension.until,
    });
    return;
  }
  const { workflowId, children } = suspension;
  if (!suspension.wait) {
    children.forEach((input, i) => {
      d.emit({
        type: 'startChildRun',
        nodeId: state.id,
        attempt: state.attempts,
        index: i,
        workflowId,
        input,
        detached: true,
      });
    });
    finishNode(d, index, { output: { workflowId, started: children.length } });
    return;
  }
  if (children.length === 0) {
    finishNode(d, index, { output: suspension.collect === 'single' ? null : [] });
    return;
  }
  const progress: ChildrenProgress = {
    workflowId,
    items: children,
    concurrency: Math.max(1, Math.floor(suspension.concurrency) || 1),
    collect: suspension.collect,
    next: 0,
    running: 0,
    done: 0,
    outputs: new Array<unknown>(children.length).fill(null),
    finished: new Array<boolean>(children.length).fill(false),
  };
  d.update(index, { status: 'waiting', children: startMore(d, index, progress) });
  d.recordAttempt(index, 'waiting');
}

type ChildFinished = Extract<RunEvent, { type: 'childRunFinished' }>;

/** Collects one child's result by item index and starts the next child, if any. */
export function childFinished(d: Draft, index: number, event: ChildFinished): void {
  const state = d.node(index);
  const progress = state.children;
  if (state.status !== 'waiting' || !progress) return;
  if (event.attempt !== undefined && event.attempt !== state.attempts) return;
  const i = event.index;
  if (!Number.isInteger(i) || i < 0 || i >= progress.next || progress.finished[i]) return;

  if (event.status !== 'succeeded') {
    const reason = event.error?.message ?? event.status;
    const running = progress.running - 1;
    d.update(index, { children: { ...progress, running } });
    failAttempt(d, index, {
      message: `Child run ${i} of workflow "${progress.workflowId}" ${event.status}: ${reason}`,
    });
    return;
  }
  const outputs = progress.outputs.slice();
  const finished = progress.finished.slice();
  outputs[i] = event.output;
  finished[i] = true;
  const next: ChildrenProgress = {
    ...progress,
    outputs,
    finished,
    running: progress.running - 1,
    done: progress.done + 1,
  };
  if (next.done === next.items.length) {
    finishNode(d, index, { output: next.collect === 'single' ? outputs[0] : outputs });
    return;
  }
  d.update(index, { children: startMore(d, index, next) });
}

function startMore(d: Draft, index: number, progress: ChildrenProgress): ChildrenProgress {
  const state = d.node(index);
  let { next, running } = progress;
  while (running < progress.concurrency && next < progress.items.length) {
    d.emit({
      type: 'startChildRun',
      nodeId: state.id,
      attempt: state.attempts,
      index: next,
      workflowId: progress.workflowId,
      input: progress.items[next],
      detached: false,
    });
    next++;
    running++;
  }
  return { ...progress, next, running };
}
