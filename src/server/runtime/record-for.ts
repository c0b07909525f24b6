import { parseTimerId, type IndexedGraph, type RunEvent, type RunState } from '@/engine';
import type { TimedEvent } from './runtime-types';
import type { StepRecord } from './step-records';

/**
 * Whether a step result still reports the attempt in flight. Call it before `advance`:
 * a duplicate or stale delivery (a second execution of an attempt that already ended) is
 * ignored by the engine, and must not touch the attempt's record either; recordFor would
 * otherwise write a late duplicate's failure over an attempt that succeeded.
 */
export function reportsLiveAttempt(state: RunState, graph: IndexedGraph, event: RunEvent): boolean {
  if (
    event.type !== 'stepSucceeded' &&
    event.type !== 'stepFailed' &&
    event.type !== 'stepSuspended'
  ) {
    return true;
  }
  const index = graph.indexOf.get(event.nodeId);
  const node = index === undefined ? undefined : state.nodes[index];
  return (
    node !== undefined &&
    node.attempts === event.attempt &&
    (node.status === 'scheduled' || node.status === 'running')
  );
}

/** The step attempt an event concluded (or suspended), as a record; undefined otherwise. */
export function recordFor(
  state: RunState,
  graph: IndexedGraph,
  event: RunEvent,
  timed: TimedEvent,
): StepRecord | undefined {
  let nodeId: string;
  let attempt: number | undefined;
  switch (event.type) {
    case 'stepSucceeded':
    case 'stepFailed':
    case 'stepSuspended':
      nodeId = event.nodeId;
      attempt = event.attempt;
      break;
    case 'childRunFinished':
      nodeId = event.nodeId;
      attempt = event.attempt;
      break;
    case 'timerFired': {
      const timer = parseTimerId(event.timerId);
      if (!timer || timer.kind === 'runTimeout') return undefined;
      nodeId = timer.nodeId;
      attempt = timer.attempt;
      break;
    }
    default:
      return undefined;
  }
  const index = graph.indexOf.get(nodeId);
  const node = index === undefined ? undefined : state.nodes[index];
  if (!node) return undefined;
  attempt ??= node.attempts;
  const base = {
    nodeId,
    attempt,
    startedAt: timed.startedAt,
    finishedAt: timed.finishedAt,
    ...(timed.input === undefined ? {} : { input: timed.input }),
    ...(timed.logs === undefined ? {} : { logs: timed.logs }),
  };
  // This attempt failed even when the engine has already scheduled the next one.
  if (event.type === 'stepFailed') {
    return {
      ...base,
      status: 'failed',
      error: event.error,
      finishedAt: timed.finishedAt ?? Date.now(),
    };
  }
  if (event.type === 'timerFired' && node.attempts > attempt) {
    return { ...base, status: 'failed', error: { message: 'Timed out' } };
  }
  if (node.attempts !== attempt) return undefined;
  switch (node.status) {
    case 'succeeded':
    case 'failed':
    case 'cancelled':
    case 'skipped':
      return {
        ...base,
        status: node.status,
        output: node.output,
        error: node.error,
        finishedAt: timed.finishedAt ?? node.finishedAt,
      };
    case 'waiting':
      return { ...base, status: 'waiting' };
    default:
      return undefined;
  }
}
