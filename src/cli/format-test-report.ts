import { formatFailure, type Coverage, type TestCaseOutcome } from '../engine';

/** A duration as people read it: `350 ms`, `12.5 s`, `1 h 2 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours < 24 ? `${hours} h` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return rest === 0 ? h : `${h} ${rest} min`;
}

/** `  ✓ name (1 h virtual, 3 ms real)`, or `  ✗ name` and its first mismatch, indented. */
export function formatCase(outcome: TestCaseOutcome): string {
  const times = `${formatDuration(outcome.virtualMs)} virtual, ${formatDuration(outcome.realMs)} real`;
  if (outcome.passed) return `  ✓ ${outcome.name} (${times})\n`;
  const [first, ...rest] = outcome.failures;
  const lines = [`  ✗ ${outcome.name} (${times})`];
  if (first) lines.push(indent(formatFailure(first), '      '));
  if (rest.length > 0) {
    lines.push(`      and ${rest.length} more: ${rest.map((f) => f.path || '(run)').join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Coverage of one workflow, and with `details` each step and branch no case reached. */
export function formatCoverage(label: string, coverage: Coverage, details: boolean): string {
  const { steps, branches, percent } = coverage;
  const lines = [
    `coverage ${label}: ${percent}% (steps ${steps.covered}/${steps.total}, ` +
      `branches ${branches.covered}/${branches.total})`,
  ];
  if (details) {
    for (const item of coverage.items) {
      if (item.covered) continue;
      const what =
        item.kind === 'step'
          ? `step ${item.id}`
          : item.kind === 'port'
            ? `port ${item.port ?? ''} of ${item.nodeId}`
            : `edge ${item.id}`;
      lines.push(`  not reached: ${what}`);
    }
  }
  return lines.join('\n') + '\n';
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}
