import type { AttemptRecord } from './attempt-record';
import type { RunCommand } from './commands';
import { Draft, type AdvanceEnv } from './draft';
import type { RunEvent } from './events';
import { failAttempt } from './fail-step';
import { cancelRun, failRun, succeedRun } from './finish-run';
import { isNodeActive, isRunFinal, type RunState } from './run-state';
import { finishNode, scheduleNode } from './step-flow';
import { childFinished, suspendNode } from './suspend';
import { parseTimerId, RUN_TIMEOUT_TIMER, stepTimeoutTimer } from './timer-id';

export type { AdvanceEnv };

export interface AdvanceResult {
  state: RunState;
  commands: RunCommand[];
  /** The step attempts this event concluded or suspended: the run's step history. */
  attempts: AttemptRecord[];
}

/**
 * The engine: applies one event to a run and says what should happen next. Pure: the
 * previous state is not modified (unless `env.inPlace` allows it), time and randomness come
 * from `env`. Events that no
 * longer apply (duplicates, stale attempts, a finished run) return the same state and no
 * commands, because the runtime delivers at least once.
 */
export function advance(state: RunState, event: RunEvent, env: AdvanceEnv): AdvanceResult {
  if (isRunFinal(state.status)) return { state, commands: [], attempts: [] };
  const d = new Draft(state, env);
  if (!apply(d, event)) return { state, commands: [], attempts: [] };
  settle(d);
  return { state: d.run, commands: d.commands, attempts: [...d.attempts.values()] };
}

/** Returns false when the event does not apply to this state. */
function apply(d: Draft, event: RunEvent): boolean {
  switch (event.type) {
    case 'runStarted':
      return start(d, event.input);
    case 'cancelRequested':
      if (d.run.status === 'queued') d.setRunStatus('cancelled');
      cancelRun(d, event.reason);
      return true;
    case 'timerFired':
      return timerFired(d, event.timerId);
    case 'childRunFinished': {
      const index = d.indexOf(event.nodeId);
      if (index === undefined || d.node(index).status !== 'waiting') return false;
      const before = d.commands.length;
      const node = d.node(index);
      childFinished(d, index, event);
      return d.node(index) !== node || d.commands.length !== before;
    }
    default:
      return stepEvent(d, event);
  }
}

function start(d: Draft, input: unknown): boolean {
  if (d.run.status !== 'queued') return false;
  d.setRunStatus('running');
  d.run.input = input;
  d.run.startedAt = d.now;
  if (d.run.timeoutMs !== undefined) {
    d.emit({ type: 'startTimer', timerId: RUN_TIMEOUT_TIMER, at: d.now + d.run.timeoutMs });
  }
  for (const root of d.graph.roots) scheduleNode(d, root, 1, d.now);
  return true;
}

type StepEventOf = Extract<
  RunEvent,
  { type: 'stepStarted' | 'stepSucceeded' | 'stepFailed' | 'stepSuspended' }
>;

function stepEvent(d: Draft, event: StepEventOf): boolean {
  const index = d.indexOf(event.nodeId);
  if (index === undefined) return false;
  const state = d.node(index);
  // Only the attempt in flight may report; anything else is a duplicate or stale delivery.
  if (!isNodeActive(state.status) || state.attempts !== event.attempt) return false;
  switch (event.type) {
    case 'stepStarted': {
      if (state.status === 'running') return false;
      d.update(index, { status: 'running', ...(event.attempt === 1 ? { startedAt: d.now } : {}) });
      const timeoutMs = d.graph.nodes[index]?.timeoutMs;
      if (timeoutMs !== undefined) {
        const timerId = stepTimeoutTimer(state.id, state.attempts);
        d.emit({ type: 'startTimer', timerId, at: d.now + timeoutMs });
      }
      return true;
    }
    case 'stepSucceeded':
      finishNode(d, index, { output: event.output, port: event.port });
      return true;
    case 'stepFailed':
      failAttempt(d, index, event.error);
      return true;
    case 'stepSuspended':
      suspendNode(d, index, event.suspension);
      return true;
  }
}

function timerFired(d: Draft, timerId: string): boolean {
  const timer = parseTimerId(timerId);
  if (!timer) return false;
  if (timer.kind === 'runTimeout') {
    if (d.run.timeoutMs === undefined) return false;
    failRun(d, { message: `Run timed out after ${d.run.timeoutMs} ms` });
    return true;
  }
  const index = d.indexOf(timer.nodeId);
  if (index === undefined) return false;
  const state = d.node(index);
  if (state.attempts !== timer.attempt) return false;
  if (timer.kind === 'delay') {
    if (state.status !== 'waiting' || !state.delay) return false;
    finishNode(d, index, { output: state.delay.output }, timerId);
    return true;
  }
  const timeoutMs = d.graph.nodes[index]?.timeoutMs;
  const inFlight = isNodeActive(state.status) || state.status === 'waiting';
  if (!inFlight || timeoutMs === undefined) return false;
  if (isNodeActive(state.status)) {
    d.emit({ type: 'cancelStep', nodeId: state.id, attempt: state.attempts });
  }
  const message = `Step "${state.id}" timed out after ${timeoutMs} ms`;
  failAttempt(d, index, { message, retryable: true }, timerId);
  return true;
}

/** After every event: finish the run when nothing is left, else keep its status honest. */
function settle(d: Draft): void {
  if (isRunFinal(d.run.status)) return;
  const { open, active, waiting } = d.counts;
  if (open === 0) return succeedRun(d);
  if (active === 0 && waiting === 0) {
    // Only a definition that skipped validation (e.g. a cycle) can leave nodes unreachable.
    return failRun(d, { message: 'Run stalled: steps remain that can never become ready' });
  }
  d.setRunStatus(active > 0 ? 'running' : 'waiting');
}
