import type { RunError } from './run-state';

/** What `advance` asks the runtime to do; executing them is the runtime's job. */
export type RunCommand =
  /** Run attempt `attempt` of the step, not before `notBefore` (retry backoff). */
  | { type: 'scheduleStep'; nodeId: string; attempt: number; notBefore: number }
  /** Fire `timerFired` at `at`. Starting an id that is already pending replaces it. */
  | { type: 'startTimer'; timerId: string; at: number }
  /** Cancelling a timer that already fired or never existed is a no-op. */
  | { type: 'cancelTimer'; timerId: string }
  | {
      type: 'startChildRun';
      nodeId: string;
      attempt: number;
      /** Item index; comes back in `childRunFinished`. */
      index: number;
      workflowId: string;
      input: unknown;
      /** Nobody waits for a detached child and its result is not reported back. */
      detached: boolean;
    }
  /** The step stopped waiting for its children (it failed, timed out or was cancelled). */
  | { type: 'cancelChildRuns'; nodeId: string; attempt: number }
  /** Abort the attempt if a worker is running it; its result will be ignored. */
  | { type: 'cancelStep'; nodeId: string; attempt: number }
  | {
      type: 'finishRun';
      status: 'succeeded' | 'failed' | 'cancelled';
      output?: unknown;
      error?: RunError;
    };
