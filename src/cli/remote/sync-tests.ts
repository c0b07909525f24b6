import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTestFile, type TestCase, type WorkflowDefinition } from '../../engine';
import { sameJson } from '../../shared/same-json';
import type { CliIo } from '../io';
import { formatIssue, formatOf } from '../load-workflow';
import type { ApiClient } from './api-client';

export type PushAction = 'created' | 'updated' | 'unchanged';

/** The cases the test files of a push give one workflow, and the files they came from. */
export interface PushedTests {
  files: string[];
  cases: TestCase[];
}

/**
 * Reads the test files of a push and finds the workflow each names among the pushed ones:
 * by file name without extension in the same folder, else by name, as `miniflow test` does.
 * Returns the cases keyed by workflow name, or undefined after reporting every problem.
 */
export async function readPushedTests(
  testFiles: string[],
  workflows: { file: string; workflow: WorkflowDefinition }[],
  io: CliIo,
): Promise<Map<string, PushedTests> | undefined> {
  const byName = new Map<string, PushedTests>();
  let invalid = false;
  const report = (file: string, at: string, message: string) => {
    invalid = true;
    io.err(`${file}: ${formatIssue({ path: at, message })}\n`);
  };
  for (const file of testFiles) {
    const parsed = parseTestFile(await readFile(file, 'utf8'), formatOf(file));
    if (!parsed.ok) {
      for (const issue of parsed.errors) report(file, issue.path, issue.message);
      continue;
    }
    const ref = parsed.file.workflow;
    const target =
      workflows.find(
        (w) =>
          path.dirname(w.file) === path.dirname(file) &&
          path.basename(w.file, path.extname(w.file)) === ref,
      ) ?? workflows.find((w) => w.workflow.name === ref);
    if (!target) {
      report(file, 'workflow', `no pushed workflow "${ref}" (by file name or by name)`);
      continue;
    }
    const tests = byName.get(target.workflow.name) ?? { files: [], cases: [] };
    for (const [i, testCase] of parsed.file.cases.entries()) {
      if (tests.cases.some((c) => c.name === testCase.name)) {
        const others = tests.files.join(', ');
        report(file, `cases[${i}].name`, `${others} already has a case "${testCase.name}"`);
      }
      tests.cases.push(testCase);
    }
    if (!tests.files.includes(file)) tests.files.push(file);
    byName.set(target.workflow.name, tests);
  }
  return invalid ? undefined : byName;
}

function byCaseName(cases: readonly TestCase[]): TestCase[] {
  return [...cases].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Makes `cases` the workflow's whole suite, unless it already is. */
export async function pushTests(
  client: ApiClient,
  workflowId: string,
  cases: TestCase[],
): Promise<PushAction> {
  const current = await client.get<{ cases: TestCase[] }>(`/workflows/${workflowId}/tests`);
  if (sameJson(byCaseName(current.cases), byCaseName(cases))) return 'unchanged';
  await client.request('PUT', `/workflows/${workflowId}/tests`, { cases });
  return current.cases.length === 0 ? 'created' : 'updated';
}

/**
 * Writes the workflow's cases as `<stem>.test.json` beside its pulled file `file`, naming
 * the workflow by that file's stem so `miniflow test` finds it. Nothing when it has none.
 */
export async function pullTests(
  client: ApiClient,
  io: CliIo,
  workflowId: string,
  file: string,
): Promise<void> {
  const { cases } = await client.get<{ cases: TestCase[] }>(`/workflows/${workflowId}/tests`);
  if (cases.length === 0) return;
  const stem = path.basename(file, path.extname(file));
  const testFile = path.join(path.dirname(file), `${stem}.test.json`);
  const text = `${JSON.stringify({ schemaVersion: 1, workflow: stem, cases }, null, 2)}\n`;
  await writeFile(testFile, text);
  io.err(
    `Wrote ${cases.length === 1 ? '1 test case' : `${cases.length} test cases`} to ${testFile}\n`,
  );
}
