import { maskSecrets } from '../expr/mask-secrets';
import type { AttemptRecord } from './attempt-record';
import type { RunCommand } from './commands';
import type { InlineDetachedRun } from './detached-runs';
import type { NodeState, RunError, RunState } from './run-state';

export interface InlineStepSummary {
  status: NodeState['status'];
  attempts: number;
  output?: unknown;
  error?: NodeState['error'];
  durationMs?: number;
}

export interface InlineRunResult {
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  output?: unknown;
  error?: RunError;
  steps: Record<string, InlineStepSummary>;
  /** Each step attempt as the engine concluded it, in order: the same history the server stores. */
  attempts: AttemptRecord[];
  /**
   * Child runs started with `wait: false` anywhere in the run's tree, in start order, as they
   * ended. Only with `awaitDetached`: otherwise they may still be going.
   */
  detached?: InlineDetachedRun[];
  /** The final engine state, unmasked: keep it away from logs and storage. */
  state: RunState;
}

/**
 * What an in-process run hands back: per-step status, attempts, output, error and duration.
 * Secret values read during the run are masked everywhere but in the raw `state`.
 */
export function summarizeRun(
  state: RunState,
  command: Extract<RunCommand, { type: 'finishRun' }>,
  attempts: AttemptRecord[],
  revealed: ReadonlySet<string>,
): InlineRunResult {
  const steps: Record<string, InlineStepSummary> = {};
  for (const node of state.nodes) {
    const summary: InlineStepSummary = { status: node.status, attempts: node.attempts };
    if (node.output !== undefined) summary.output = node.output;
    if (node.error) summary.error = node.error;
    if (node.startedAt !== undefined && node.finishedAt !== undefined) {
      summary.durationMs = node.finishedAt - node.startedAt;
    }
    steps[node.id] = summary;
  }
  const shown = {
    runId: state.runId,
    status: command.status,
    ...(command.output !== undefined ? { output: command.output } : {}),
    ...(command.error ? { error: command.error } : {}),
    steps,
    attempts,
  };
  return { ...(revealed.size === 0 ? shown : maskSecrets(shown, revealed)), state };
}
