/**
 * One recorded attempt of one step (a StepRun row): the history a run view shows. Times
 * are accepted as the database returns them (Date) or as epoch milliseconds.
 */
export interface StoredAttempt {
  nodeId: string;
  attempt: number;
  status: string;
  input?: unknown;
  output?: unknown;
  error?: unknown;
  logs?: unknown;
  startedAt?: Date | number | null;
  finishedAt?: Date | number | null;
  durationMs?: number | null;
  /** Served from the step result cache: the step did not execute. */
  cached?: boolean | null;
}

export interface ErrorView {
  message: string;
  /** The sandbox's stack of a code step, on the error or in its details. */
  stack?: string;
  details?: unknown;
}

/** An attempt as every view shows it; absent fields were not recorded. */
export interface AttemptView {
  attempt: number;
  /** How this attempt ended (or `waiting` while it is suspended). */
  status: string;
  input?: unknown;
  output?: unknown;
  error?: ErrorView;
  logs?: unknown;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  /** Served from the step result cache: the step did not execute. */
  cached?: true;
}

export function toAttemptView(record: StoredAttempt): AttemptView {
  const startedAt = epochMs(record.startedAt);
  const finishedAt = epochMs(record.finishedAt);
  const durationMs =
    record.durationMs ??
    (startedAt !== undefined && finishedAt !== undefined ? finishedAt - startedAt : undefined);
  const error = errorView(record.error);
  return {
    attempt: record.attempt,
    status: record.status,
    ...(present(record.input) ? { input: record.input } : {}),
    ...(present(record.output) ? { output: record.output } : {}),
    ...(error ? { error } : {}),
    ...(present(record.logs) ? { logs: record.logs } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(record.cached ? { cached: true as const } : {}),
  };
}

/** The message of a step error however it was recorded (object, string or other value). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return typeof error.message === 'string' ? error.message : JSON.stringify(error.message);
  }
  return JSON.stringify(error) ?? 'Unknown error';
}

function errorView(error: unknown): ErrorView | undefined {
  if (!present(error)) return undefined;
  const record = typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const details = record.details;
  const detailFields =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as Record<string, unknown>)
      : undefined;
  const stack = [record.stack, detailFields?.stack].find((s): s is string => typeof s === 'string');
  // The stack is shown as such; what else the details say stays beside it.
  const rest = detailFields ? withoutStack(detailFields) : details;
  return {
    message: errorMessage(error),
    ...(stack ? { stack } : {}),
    ...(rest !== undefined ? { details: rest } : {}),
  };
}

function withoutStack(details: Record<string, unknown>): Record<string, unknown> | undefined {
  const { stack: _stack, ...rest } = details;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function epochMs(time: Date | number | null | undefined): number | undefined {
  if (time === null || time === undefined) return undefined;
  return typeof time === 'number' ? time : time.getTime();
}
