import type { RunJson } from '../../server/rest/run-json';
import { preview } from '../format-run';
import { EXIT } from '../usage-error';

/** A run as /api/v1 answers it (dates as ISO strings). */
export type RemoteRun = Omit<RunJson, 'createdAt' | 'startedAt' | 'finishedAt'> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export const FINAL_STATUSES = ['succeeded', 'failed', 'cancelled'];

const MARKS: Record<string, string> = {
  succeeded: '✓',
  failed: '✗',
  skipped: '-',
  cancelled: '⊘',
};

/** Exit codes as `miniflow run`: 0 succeeded, 1 failed or cancelled. */
export function exitCodeOf(run: Pick<RemoteRun, 'status'>): number {
  return run.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

export function stepLine(id: string, step: RemoteRun['steps'][string], width: number): string {
  const mark = MARKS[step.status] ?? '…';
  if (step.status === 'skipped') return `  ${mark} ${id.padEnd(width)} skipped`;
  const attempts = step.attempts === 1 ? '1 attempt' : `${step.attempts} attempts`;
  const time = step.durationMs !== undefined ? `${step.durationMs} ms` : '';
  const error = step.error as { message?: string } | null;
  const detail = error?.message
    ? `error: ${error.message}`
    : step.output !== null
      ? preview(step.output)
      : '';
  return `  ${[mark, id.padEnd(width), step.status.padEnd(9), attempts.padEnd(10), time.padStart(8), ` ${detail}`].join(' ').trimEnd()}`;
}

export function idWidth(run: Pick<RemoteRun, 'steps'>): number {
  return Math.max(4, ...Object.keys(run.steps).map((id) => id.length));
}

/** The run's summary after its steps: status, error and output, for people. */
export function runFooter(run: RemoteRun): string {
  const took = run.durationMs !== undefined ? ` in ${run.durationMs} ms` : '';
  const lines = [``, `Run ${run.id} (${run.workflowName} v${run.version}) ${run.status}${took}`];
  if (run.error) {
    const where = run.error.nodeId ? ` (step "${run.error.nodeId}")` : '';
    lines.push(`Error${where}: ${run.error.message}`);
  }
  if (run.output !== null) lines.push(`Output: ${JSON.stringify(run.output, null, 2)}`);
  return lines.join('\n') + '\n';
}

export function formatRemoteRun(run: RemoteRun): string {
  const width = idWidth(run);
  const steps = Object.entries(run.steps).map(([id, step]) => stepLine(id, step, width));
  return steps.join('\n') + '\n' + runFooter(run);
}
