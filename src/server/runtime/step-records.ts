import type { AttemptRecord, AttemptStatus, RunEvent } from '@/engine';
import type { TimedEvent } from './runtime-types';
import { utc } from './sql';

/** One attempt of one step as `StepRun` stores it: the engine's record plus what ran. */
export interface StepRecord {
  nodeId: string;
  attempt: number;
  status: AttemptStatus;
  input?: unknown;
  output?: unknown;
  error?: unknown;
  logs?: unknown[];
  startedAt?: number;
  finishedAt?: number;
  cached?: true;
}

function reportsAttempt(event: RunEvent, record: AttemptRecord): boolean {
  return (
    (event.type === 'stepSucceeded' ||
      event.type === 'stepFailed' ||
      event.type === 'stepSuspended') &&
    event.nodeId === record.nodeId &&
    event.attempt === record.attempt
  );
}

/**
 * The row for an attempt `advance` reported. When the event was that attempt's own result,
 * the row takes when the step ran, its resolved params and its logs from the execution;
 * an attempt ended by something else (a timeout, a cancellation, a child, a delay's timer)
 * ends when the engine says. A waiting attempt has not finished.
 */
export function stepRecord(record: AttemptRecord, timed: TimedEvent): StepRecord {
  const own = reportsAttempt(timed.event, record);
  const row: StepRecord = { nodeId: record.nodeId, attempt: record.attempt, status: record.status };
  if (record.output !== undefined) row.output = record.output;
  if (record.error !== undefined) row.error = record.error;
  if (own) {
    if (timed.startedAt !== undefined) row.startedAt = timed.startedAt;
    if (timed.input !== undefined) row.input = timed.input;
    if (timed.logs !== undefined) row.logs = timed.logs;
    if (timed.cached) row.cached = true;
  }
  if (record.status !== 'waiting')
    row.finishedAt = own ? (timed.finishedAt ?? record.at) : record.at;
  return row;
}

/**
 * Two reports of one attempt in one transaction (it waited, then ended): the later wins,
 * keeping what only the earlier knew (when it started, its params, its logs).
 */
export function mergeStepRecords(prior: StepRecord | undefined, next: StepRecord): StepRecord {
  if (!prior) return next;
  const merged = { ...next };
  if (merged.startedAt === undefined && prior.startedAt !== undefined) {
    merged.startedAt = prior.startedAt;
  }
  if (merged.input === undefined && prior.input !== undefined) merged.input = prior.input;
  if (merged.logs === undefined && prior.logs !== undefined) merged.logs = prior.logs;
  return merged;
}

/** Step records as the JSON rows `saveRun` upserts, keyed by (run, step, attempt). */
export function stepRecordRows(runId: string, records: Iterable<StepRecord>) {
  return [...records].map((r) => ({
    id: `${runId}:${r.nodeId}:${r.attempt}`,
    nodeId: r.nodeId,
    attempt: r.attempt,
    status: r.status,
    input: r.input === undefined ? null : r.input,
    output: r.output === undefined ? null : r.output,
    error: r.error === undefined ? null : r.error,
    logs: r.logs === undefined ? null : r.logs,
    startedAt: utc(r.startedAt),
    finishedAt: utc(r.finishedAt),
    // Only hits carry the field: rows of steps without a cache stay as they were.
    ...(r.cached ? { cached: true } : {}),
  }));
}
