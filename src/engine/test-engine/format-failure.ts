import type { TestFailure } from './check-expectations';

/** A failure as people read it: where, why, then expected and actual (JSON, indented). */
export function formatFailure(failure: TestFailure): string {
  const lines = [`${failure.path || '(run)'}: ${failure.message}`];
  if ('expected' in failure) lines.push(`expected: ${show(failure.expected)}`);
  if ('actual' in failure) lines.push(`actual:   ${show(failure.actual)}`);
  return lines.join('\n');
}

function show(value: unknown): string {
  if (value === undefined) return '(nothing)';
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n          ');
}
