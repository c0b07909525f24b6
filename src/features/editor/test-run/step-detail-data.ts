import type { WorkflowDefinition } from '@/engine';
import { errorMessage, runOverlays, type RunForOverlay, type StepOverlay } from './run-overlays';

/** One attempt as the details show it; `input` and `logs` appear once step records carry them. */
export interface AttemptDetail {
  attempt: number;
  status: string;
  durationMs: number | null;
  startedAt?: Date | null;
  input?: unknown;
  output: unknown;
  error?: { message: string; stack?: string; details?: unknown };
  logs?: unknown;
}

export interface StepDetailData {
  nodeId: string;
  name: string;
  type?: string;
  overlay?: StepOverlay;
  /** Oldest first. */
  attempts: AttemptDetail[];
}

/** Everything recorded about one node of one run, newest attempt last. */
export function stepDetailData(run: RunForOverlay, nodeId: string): StepDetailData {
  const definition = run.version.definition as WorkflowDefinition;
  const node = definition.nodes.find((n) => n.id === nodeId);
  const attempts = run.steps
    .filter((s) => s.nodeId === nodeId)
    .sort((a, b) => a.attempt - b.attempt)
    .map((step): AttemptDetail => {
      const extra = step as { input?: unknown; logs?: unknown; startedAt?: Date | null };
      const error = describeError(step.error);
      return {
        attempt: step.attempt,
        status: step.status,
        durationMs: step.durationMs,
        ...(extra.startedAt !== undefined ? { startedAt: extra.startedAt } : {}),
        ...(extra.input !== undefined && extra.input !== null ? { input: extra.input } : {}),
        output: step.output,
        ...(error ? { error } : {}),
        ...(extra.logs !== undefined && extra.logs !== null ? { logs: extra.logs } : {}),
      };
    });
  const overlay = runOverlays(run).steps[nodeId];
  return {
    nodeId,
    name: node?.name ?? nodeId,
    ...(node ? { type: node.type } : {}),
    ...(overlay ? { overlay } : {}),
    attempts,
  };
}

function describeError(error: unknown): AttemptDetail['error'] | undefined {
  if (error === null || error === undefined) return undefined;
  const message = errorMessage(error) ?? 'Unknown error';
  const record = typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const details = record.details as Record<string, unknown> | undefined;
  // Code steps may report the sandbox's stack, on the error or in its details.
  const stack = [record.stack, details?.stack].find((s): s is string => typeof s === 'string');
  return {
    message,
    ...(stack ? { stack } : {}),
    ...(details !== undefined ? { details } : {}),
  };
}
