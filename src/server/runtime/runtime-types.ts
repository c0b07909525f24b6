import type { RunEvent } from '@/engine';

/** An engine event plus when the step behind it ran (for the step's record). */
export interface TimedEvent {
  event: RunEvent;
  startedAt?: number;
  finishedAt?: number;
  /** The params the step resolved for this attempt (masked, size-capped). */
  input?: unknown;
  /** What the step logged during this attempt (masked, size-capped). */
  logs?: unknown[];
  /** Served from the step result cache. */
  cached?: true;
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
  /** How deep in a tree of child runs: a run started by a trigger is 0. */
  depth: number;
  retryOfId: string | null;
  reuseOutputs: boolean;
  /** The workflow's concurrency limit: a finishing run frees a slot only when there is one. */
  concurrencyLimit: number | null;
}
