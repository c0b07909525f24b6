import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  coverageOf,
  defaultRegistry,
  runTestSuite,
  toJUnitXml,
  type AttemptRecord,
  type Coverage,
  type JUnitSuite,
  type TestCaseOutcome,
  type WorkflowDefinition,
} from '../engine';
import { IsolatedVmSandbox } from '../server/sandbox/isolated-vm-sandbox';
import { findTestFiles } from './find-test-files';
import { formatCase, formatCoverage } from './format-test-report';
import type { CliIo } from './io';
import { formatIssue, type Issue } from './load-workflow';
import { loadTestFile } from './load-test-file';
import { EXIT, UsageError } from './usage-error';

export interface TestCommandOptions {
  junit?: string;
  json?: boolean;
  coverage?: boolean;
  minCoverage?: string;
  filter?: string;
}

interface FileReport {
  file: string;
  workflow?: string;
  errors?: Issue[];
  cases: TestCaseOutcome[];
}

interface CoverageEntry {
  label: string;
  workflow: WorkflowDefinition;
  runs: AttemptRecord[][];
}

/**
 * `miniflow test <file|folder>…`: runs every test file in this process, on virtual time,
 * with mocks instead of the network. Exit 0 all passed (and coverage met the minimum), 1 a
 * case failed or coverage fell short, 2 a test or workflow file is invalid.
 */
export async function testCommand(
  targets: string[],
  options: TestCommandOptions,
  io: CliIo,
): Promise<number> {
  const minCoverage = parseMinCoverage(options.minCoverage);
  // With --json, stdout carries only the report.
  const say = (text: string) => (options.json ? io.err(text) : io.out(text));
  const { files, missing } = await findTestFiles(targets);
  const reports: FileReport[] = missing.map((file) => ({
    file,
    errors: [{ path: '', message: 'Cannot read file: no such file or folder' }],
    cases: [],
  }));
  if (files.length === 0 && missing.length === 0) {
    throw new UsageError(`No test files (*.test.json, *.test.yaml) in ${targets.join(', ')}`);
  }
  const coverage = new Map<string, CoverageEntry>();
  const sandbox = new IsolatedVmSandbox();
  try {
    for (const file of files) {
      const loaded = await loadTestFile(file, defaultRegistry);
      if (!loaded.ok) {
        reports.push({ file, errors: loaded.errors, cases: [] });
        continue;
      }
      const { workflow, folder } = loaded;
      const cases = await runTestSuite({
        workflow,
        workflowId: loaded.file.workflow,
        cases: loaded.file.cases,
        registry: defaultRegistry,
        sandbox,
        resolveWorkflow: (id) => folder.resolve(id),
        realClock: { now: () => performance.now() },
        ...(options.filter ? { filter: options.filter } : {}),
      });
      reports.push({ file, workflow: workflow.name, cases });
      const key = `${path.dirname(file)}\0${workflow.name}`;
      const entry = coverage.get(key) ?? { label: `"${workflow.name}"`, workflow, runs: [] };
      entry.runs.push(...cases.map((c) => c.attempts));
      coverage.set(key, entry);
    }
  } finally {
    await sandbox.close();
  }

  let invalid = false;
  let passed = 0;
  let failed = 0;
  for (const report of reports) {
    if (report.errors) {
      invalid = true;
      say(`✗ ${report.file}: invalid\n`);
      for (const issue of report.errors) say(`  ${formatIssue(issue)}\n`);
      continue;
    }
    if (report.cases.length === 0) continue;
    say(`${report.file} (workflow "${report.workflow ?? ''}")\n`);
    for (const outcome of report.cases) {
      say(formatCase(outcome));
      if (outcome.passed) passed += 1;
      else failed += 1;
    }
  }

  const coverages: { label: string; coverage: Coverage }[] = [];
  if (options.coverage || minCoverage !== undefined) {
    for (const entry of coverage.values()) {
      const result = coverageOf(entry.workflow, defaultRegistry, entry.runs);
      coverages.push({ label: entry.label, coverage: result });
      say(formatCoverage(entry.label, result, options.coverage === true));
    }
  }
  const short = coverages.filter(
    (c) => minCoverage !== undefined && c.coverage.percent < minCoverage,
  );
  for (const c of short) say(`coverage ${c.label} is below the minimum of ${minCoverage}%\n`);

  const invalidCount = reports.filter((r) => r.errors).length;
  say(
    `${passed} passed, ${failed} failed` +
      (invalidCount > 0
        ? `, ${invalidCount} invalid ${invalidCount === 1 ? 'file' : 'files'}`
        : '') +
      '\n',
  );

  if (options.junit) await writeJUnit(options.junit, reports);
  if (options.json) io.out(JSON.stringify(jsonReport(reports, coverages), null, 2) + '\n');
  if (invalid) return EXIT.invalid;
  return failed > 0 || short.length > 0 ? EXIT.failed : EXIT.ok;
}

function parseMinCoverage(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const percent = Number(value);
  if (value.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new UsageError(`--min-coverage must be a percentage from 0 to 100, got "${value}"`);
  }
  return percent;
}

async function writeJUnit(file: string, reports: FileReport[]): Promise<void> {
  const suites: JUnitSuite[] = reports.map((report) => ({
    name: report.file,
    cases: report.cases.map((c) => ({
      name: c.name,
      classname: report.workflow ?? report.file,
      timeMs: c.realMs,
      failures: c.failures,
    })),
    ...(report.errors ? { error: report.errors.map(formatIssue).join('\n') } : {}),
  }));
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, toJUnitXml(suites));
}

/** What `--json` prints: a stable shape scripts can rely on. */
function jsonReport(reports: FileReport[], coverages: { label: string; coverage: Coverage }[]) {
  const cases = reports.flatMap((r) => r.cases);
  return {
    passed: cases.filter((c) => c.passed).length,
    failed: cases.filter((c) => !c.passed).length,
    files: reports.map((r) => ({
      file: r.file,
      workflow: r.workflow ?? null,
      errors: r.errors ?? null,
      cases: r.cases.map((c) => ({
        name: c.name,
        passed: c.passed,
        failures: c.failures,
        status: c.status,
        output: c.output ?? null,
        virtualMs: c.virtualMs,
        realMs: Math.round(c.realMs),
      })),
    })),
    coverage: coverages.map(({ label, coverage }) => ({
      workflow: label.slice(1, -1),
      percent: coverage.percent,
      steps: coverage.steps,
      branches: coverage.branches,
      notReached: coverage.items.filter((i) => !i.covered).map((i) => ({ kind: i.kind, id: i.id })),
    })),
  };
}
