/**
 * `npm test`: unit, integration (real PostgreSQL) and end-to-end (real Chromium) tests,
 * in that order, then one closing line `N passed, N failed` over all three.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium, machineProbe, NO_CHROMIUM_MESSAGE } from './lib/find-chromium';

// The end-to-end tests need a browser: say what to install now, not after the other suites.
if (!findChromium(machineProbe(() => chromium.executablePath()))) {
  console.error(NO_CHROMIUM_MESSAGE);
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(path.join(tmpdir(), 'miniflow-test-reports-'));
const e2eData = mkdtempSync(path.join(tmpdir(), 'miniflow-e2e-'));
chmodSync(e2eData, 0o755);

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  crashed: boolean;
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function vitest(project: string): Tally {
  const out = path.join(reports, `${project}.json`);
  const status = run(bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) return { suite: project, passed: 0, failed: 0, skipped: 0, crashed: true };
  const r = JSON.parse(readFileSync(out, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    suite: project,
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
    // Errors outside tests (a failing setup, an unhandled rejection) fail the run too.
    crashed: status !== 0 && r.numFailedTests === 0,
  };
}

function playwright(): Tally {
  const out = path.join(reports, 'e2e.json');
  const status = run(bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    MINIFLOW_E2E_DATA_DIR: e2eData,
  });
  if (!existsSync(out)) return { suite: 'e2e', passed: 0, failed: 0, skipped: 0, crashed: true };
  const r = JSON.parse(readFileSync(out, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    suite: 'e2e',
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
    crashed: status !== 0 && r.stats.unexpected === 0,
  };
}

const tallies = [vitest('unit'), vitest('integration'), playwright()];
rmSync(reports, { recursive: true, force: true });
rmSync(e2eData, { recursive: true, force: true });

console.log('\nSummary');
for (const t of tallies) {
  const note = t.crashed ? ' (the run itself failed: see its output above)' : '';
  console.log(
    `  ${t.suite.padEnd(12)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${note}`,
  );
}
const passed = tallies.reduce((n, t) => n + t.passed, 0);
// A suite that crashed counts as one failure, so the closing line can never read clean.
const failed = tallies.reduce((n, t) => n + t.failed + (t.crashed ? 1 : 0), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
