import type { InlineDetachedRun, InlineRunResult, InlineStepSummary } from '../engine';

/** What `miniflow run --json` prints: a stable shape scripts can rely on. */
export interface RunReport {
  status: InlineRunResult['status'];
  output: unknown;
  steps: Record<
    string,
    {
      status: InlineStepSummary['status'];
      attempts: number;
      output: unknown;
      error: InlineStepSummary['error'] | null;
      durationMs?: number;
    }
  >;
  /** Child runs started with `wait: false`; present when the run started any. */
  detached?: {
    runId: string;
    nodeId: string;
    workflowId: string;
    status: InlineDetachedRun['status'];
    error: InlineDetachedRun['error'] | null;
  }[];
  durationMs?: number;
}

export function toReport(result: InlineRunResult, durationMs?: number): RunReport {
  const steps: RunReport['steps'] = {};
  for (const [id, step] of Object.entries(result.steps)) {
    steps[id] = {
      status: step.status,
      attempts: step.attempts,
      // null rather than a missing key: every step has the same fields.
      output: step.output ?? null,
      error: step.error ?? null,
      ...(step.durationMs !== undefined ? { durationMs: step.durationMs } : {}),
    };
  }
  return {
    status: result.status,
    output: result.output ?? null,
    steps,
    ...(result.detached?.length
      ? {
          detached: result.detached.map((run) => ({
            runId: run.runId,
            nodeId: run.nodeId,
            workflowId: run.workflowId,
            status: run.status,
            error: run.error ?? null,
          })),
        }
      : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
  };
}

const MARKS: Partial<Record<InlineStepSummary['status'] | InlineDetachedRun['status'], string>> = {
  succeeded: '✓',
  failed: '✗',
  skipped: '-',
  cancelled: '⊘',
};

const PREVIEW_CHARS = 80;

/** One line per step, then the run's status, error and output, for people. */
export function formatHuman(result: InlineRunResult, durationMs?: number): string {
  const entries = Object.entries(result.steps);
  const idWidth = Math.max(4, ...entries.map(([id]) => id.length));
  const lines = entries.map(([id, step]) => {
    const mark = MARKS[step.status] ?? '…';
    const attempts = step.attempts === 1 ? '1 attempt' : `${step.attempts} attempts`;
    const time = step.durationMs !== undefined ? `${step.durationMs} ms` : '';
    const detail = step.error
      ? `error: ${step.error.message}`
      : step.output !== undefined
        ? preview(step.output)
        : '';
    const columns =
      step.status === 'skipped'
        ? [mark, id.padEnd(idWidth), 'skipped']
        : [
            mark,
            id.padEnd(idWidth),
            step.status.padEnd(9),
            attempts.padEnd(10),
            time.padStart(8),
            ' ' + detail,
          ];
    return '  ' + columns.join(' ').trimEnd();
  });
  if (result.detached?.length) {
    lines.push('', 'Detached runs:');
    for (const run of result.detached) {
      const mark = MARKS[run.status] ?? '…';
      const error = run.error ? `: ${run.error.message}` : '';
      lines.push(`  ${mark} ${run.nodeId}[${run.index}] → ${run.workflowId} ${run.status}${error}`);
    }
  }
  const took = durationMs !== undefined ? ` in ${durationMs} ms` : '';
  lines.push('', `Run ${result.status}${took}`);
  if (result.error) {
    const where = result.error.nodeId ? ` (step "${result.error.nodeId}")` : '';
    lines.push(`Error${where}: ${result.error.message}`);
  }
  if (result.output !== undefined) lines.push(`Output: ${JSON.stringify(result.output, null, 2)}`);
  return lines.join('\n') + '\n';
}

/** A single line of at most PREVIEW_CHARS characters: enough to recognise, never a wall. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}
