import type { Suspension } from '../steps/step-type';
import type { StepErrorInfo } from './run-state';

/**
 * What happens to a run, as the runtime reports it. Delivery is at-least-once: a duplicate
 * or stale event (wrong attempt, node already final) is ignored by `advance`.
 */
export type RunEvent =
  | { type: 'runStarted'; input?: unknown }
  /** Optional: a worker picked the attempt up (restarts its timeout from now). */
  | { type: 'stepStarted'; nodeId: string; attempt: number }
  | { type: 'stepSucceeded'; nodeId: string; attempt: number; output: unknown; port?: string }
  | { type: 'stepFailed'; nodeId: string; attempt: number; error: StepErrorInfo }
  | { type: 'stepSuspended'; nodeId: string; attempt: number; suspension: Suspension }
  | { type: 'timerFired'; timerId: string }
  | {
      type: 'childRunFinished';
      nodeId: string;
      /** The attempt that started the child; when given, children of older attempts are ignored. */
      attempt?: number;
      index: number;
      status: 'succeeded' | 'failed' | 'cancelled';
      output?: unknown;
      error?: { message: string };
    }
  | { type: 'cancelRequested'; reason?: string };

export type StepEvent = Extract<
  RunEvent,
  { type: 'stepSucceeded' } | { type: 'stepFailed' } | { type: 'stepSuspended' }
>;
