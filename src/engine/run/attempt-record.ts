import type { StepErrorInfo } from './run-state';

/** How one attempt of one step ended, or that it is suspended (delay, child runs). */
export type AttemptStatus = 'succeeded' | 'failed' | 'waiting' | 'cancelled';

/**
 * One attempt of one step as `advance` concluded it: the runtime stores these as the step's
 * history, so the history can never say something the state does not. A waiting attempt is
 * reported again, under the same (node, attempt), when it ends.
 */
export interface AttemptRecord {
  nodeId: string;
  attempt: number;
  status: AttemptStatus;
  output?: unknown;
  error?: StepErrorInfo;
  /** The port a finished attempt left through. */
  port?: string;
  /** When the engine concluded it (or it began to wait). */
  at: number;
}

export const attemptKey = (nodeId: string, attempt: number) => `${nodeId}:${attempt}`;
