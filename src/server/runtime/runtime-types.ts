import type { RunEvent } from '@/engine';

/** An engine event plus when the step behind it ran (for the step's record). */
export interface TimedEvent {
  event: RunEvent;
  startedAt?: number;
  finishedAt?: number;
}

/** The columns of a run the runtime works with while it holds the run's row lock. */
export interface LockedRun {
  id: string;
  workspaceId: string;
  workflowId: string;
  versionId: string;
  priority: number;
  parentRunId: string | null;
  parentNodeId: string | null;
  parentAttempt: number | null;
  parentIndex: number | null;
  startedAt: Date | null;
  retryOfId: string | null;
  reuseOutputs: boolean;
}
