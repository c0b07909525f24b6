import { utc } from './sql';

/** One attempt of one step, as the dashboards read it. */
export interface StepRecord {
  nodeId: string;
  attempt: number;
  status: 'succeeded' | 'failed' | 'waiting' | 'cancelled' | 'skipped';
  input?: unknown;
  output?: unknown;
  error?: unknown;
  logs?: unknown[];
  startedAt?: number;
  finishedAt?: number;
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
    durationMs:
      r.startedAt !== undefined && r.finishedAt !== undefined
        ? Math.round(r.finishedAt - r.startedAt)
        : null,
  }));
}
