import type { TestFailure } from './check-expectations';
import { formatFailure } from './format-failure';

export interface JUnitCase {
  name: string;
  /** What CI groups the case under: the workflow. */
  classname: string;
  timeMs: number;
  failures: TestFailure[];
}

export interface JUnitSuite {
  /** The test file. */
  name: string;
  cases: JUnitCase[];
  /** The file could not be run at all (invalid test or workflow file). */
  error?: string;
}

/**
 * JUnit XML as CI systems read it: one testsuite per test file, one testcase per case, a
 * failure with the first mismatch as its message and every mismatch in its body.
 */
export function toJUnitXml(suites: readonly JUnitSuite[], name = 'miniflow'): string {
  const totals = { tests: 0, failures: 0, errors: 0, timeMs: 0 };
  const body: string[] = [];
  for (const suite of suites) {
    const failures = suite.cases.filter((c) => c.failures.length > 0).length;
    const errors = suite.error === undefined ? 0 : 1;
    const timeMs = suite.cases.reduce((sum, c) => sum + c.timeMs, 0);
    totals.tests += suite.cases.length + errors;
    totals.failures += failures;
    totals.errors += errors;
    totals.timeMs += timeMs;
    body.push(
      `  <testsuite name="${attr(suite.name)}" tests="${suite.cases.length + errors}" ` +
        `failures="${failures}" errors="${errors}" skipped="0" time="${seconds(timeMs)}">`,
    );
    if (suite.error !== undefined) {
      body.push(
        `    <testcase name="${attr(suite.name)}" classname="${attr(suite.name)}" time="0">`,
        `      <error message="${attr(firstLine(suite.error))}">${text(suite.error)}</error>`,
        '    </testcase>',
      );
    }
    for (const c of suite.cases) {
      const open =
        `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}" ` +
        `time="${seconds(c.timeMs)}"`;
      const first = c.failures[0];
      if (!first) {
        body.push(`${open}/>`);
        continue;
      }
      const details = c.failures.map(formatFailure).join('\n\n');
      body.push(
        `${open}>`,
        `      <failure message="${attr(`${first.path || '(run)'}: ${first.message}`)}" ` +
          `type="mismatch">${text(details)}</failure>`,
        '    </testcase>',
      );
    }
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(name)}" tests="${totals.tests}" failures="${totals.failures}" ` +
      `errors="${totals.errors}" time="${seconds(totals.timeMs)}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function firstLine(value: string): string {
  return value.split('\n')[0] ?? '';
}

/** XML 1.0 cannot carry most control characters or lone surrogates, even escaped: dropped. */
function clean(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code < 0xd800) ||
      (code > 0xdfff && code !== 0xfffe && code !== 0xffff);
    if (allowed) out += ch;
  }
  return out;
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
