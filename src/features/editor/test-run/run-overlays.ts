import { isRunFinal, MAX_RETRY_ATTEMPTS, type WorkflowDefinition } from '@/engine';

export type OverlayStatus =
  'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface StepOverlay {
  status: OverlayStatus;
  attempts: number;
  durationMs?: number;
  outputPreview?: string;
}

/** One attempt of one step, as `run.get` returns it. */
export interface StepAttempt {
  nodeId: string;
  attempt: number;
  status: string;
  output: unknown;
  error: unknown;
  durationMs: number | null;
}

/** The parts of a run (as `run.get` returns it) that the canvas overlays need. */
export interface RunForOverlay {
  id: string;
  status: string;
  version: { definition: unknown };
  steps: readonly StepAttempt[];
  /** Where each step stands in the engine's state; absent while the run waits to start. */
  nodes?: readonly { id: string; status: string; attempts: number }[];
}

export interface RunOverlayState {
  runId: string;
  status: string;
  steps: Record<string, StepOverlay>;
}

const PREVIEW_LENGTH = 80;

/** A one-line glimpse of a value, cut to `max` characters. */
export function previewValue(value: unknown, max = PREVIEW_LENGTH): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function errorMessage(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return typeof error.message === 'string' ? error.message : previewValue(error.message);
  }
  return previewValue(error);
}

/** The newest attempt of each node. */
export function latestAttempts(steps: readonly StepAttempt[]): Map<string, StepAttempt> {
  const latest = new Map<string, StepAttempt>();
  for (const step of steps) {
    const seen = latest.get(step.nodeId);
    if (!seen || step.attempt >= seen.attempt) latest.set(step.nodeId, step);
  }
  return latest;
}

/**
 * Status, attempts, duration and an output preview for every node of the run's version.
 * The engine's state, when the run has one, tells where each step stands. Without it, step
 * records decide; they exist only for attempts that finished (or wait), so a node without
 * one is `running` once all its predecessors have finished and one succeeded, `pending`
 * before that, and `skipped` once the run is over. A failed attempt with retries left shows
 * as `pending` while the run goes on: the next attempt is waiting for its backoff.
 */
export function runOverlays(run: RunForOverlay): RunOverlayState {
  const definition = run.version.definition as WorkflowDefinition;
  const final = isRunFinal(run.status);
  const latest = latestAttempts(run.steps);
  const incoming = new Map<string, string[]>();
  for (const edge of definition.edges) {
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge.from]);
  }
  const live = new Map((run.nodes ?? []).map((n) => [n.id, n]));
  const steps: Record<string, StepOverlay> = {};
  for (const node of definition.nodes) {
    const step = latest.get(node.id);
    const state = live.get(node.id);
    // A finished attempt's record is written with its result; the state may lag behind it.
    const recorded =
      step !== undefined && isFinished(step.status) && step.attempt >= (state?.attempts ?? 0);
    if (state && !recorded) {
      // A scheduled step is on its way to a worker, or backing off before its next attempt.
      const status =
        state.status === 'scheduled'
          ? 'running'
          : final && state.status === 'pending'
            ? 'skipped'
            : state.status;
      steps[node.id] = {
        status: overlayStatus(status),
        attempts: Math.max(state.attempts, step?.attempt ?? 0),
        ...(step?.durationMs == null ? {} : { durationMs: step.durationMs }),
        ...withPreview(
          step?.status === 'failed' ? errorMessage(step.error) : previewValue(step?.output),
        ),
      };
      continue;
    }
    if (step) {
      const retrying =
        step.status === 'failed' &&
        !final &&
        !isFinalFailure(step.error) &&
        step.attempt < Math.min(node.retry?.maxAttempts ?? 1, MAX_RETRY_ATTEMPTS);
      steps[node.id] = {
        status: retrying ? 'pending' : overlayStatus(step.status),
        attempts: step.attempt,
        ...(step.durationMs === null ? {} : { durationMs: step.durationMs }),
        ...withPreview(
          step.status === 'failed' ? errorMessage(step.error) : previewValue(step.output),
        ),
      };
      continue;
    }
    const sources = incoming.get(node.id) ?? [];
    const started =
      !final &&
      run.status !== 'queued' &&
      sources.length > 0 &&
      sources.every((id) => isFinished(latest.get(id)?.status)) &&
      sources.some((id) => latest.get(id)?.status === 'succeeded');
    steps[node.id] = {
      status: final ? 'skipped' : started ? 'running' : 'pending',
      attempts: 0,
    };
  }
  return { runId: run.id, status: run.status, steps };
}

function withPreview(preview: string | undefined) {
  return preview === undefined ? {} : { outputPreview: previewValue(preview) };
}

function isFinalFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error
    ? error.retryable === false
    : false;
}

function isFinished(status: string | undefined): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'skipped';
}

export function overlayStatus(status: string): OverlayStatus {
  switch (status) {
    case 'running':
    case 'waiting':
    case 'succeeded':
    case 'failed':
    case 'skipped':
    case 'cancelled':
      return status;
    default:
      return 'pending';
  }
}
