import { readText, type DefinitionFormat, type DefinitionIssue } from '../definition/parse';
import { formatPath } from '../definition/path';
import type { WorkflowDefinition } from '../definition/workflow.schema';
import { expressionSyntaxError } from '../expr/compile';
import { testCaseSchema, testFileSchema, type TestCase, type TestFile } from './test-file.schema';

export type TestFileResult =
  { ok: true; file: TestFile } | { ok: false; errors: DefinitionIssue[] };

/** Reads a test file from JSON or YAML text and checks it against the format. */
export function parseTestFile(text: string, format: DefinitionFormat = 'auto'): TestFileResult {
  const raw = readText(text, format);
  if (!raw.ok) return raw;
  return checkTestFile(raw.value);
}

/** Checks an already-decoded value against the test file format. */
export function checkTestFile(value: unknown): TestFileResult {
  const result = testFileSchema.safeParse(value);
  if (!result.success) return { ok: false, errors: zodIssues(result.error.issues) };
  const errors = result.data.cases.flatMap((c, i) => assertSyntaxIssues(c, `cases[${i}]`));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, file: result.data };
}

export type TestCaseResult =
  { ok: true; testCase: TestCase } | { ok: false; errors: DefinitionIssue[] };

/** One case on its own (as the app stores them), checked like a case in a file. */
export function checkTestCase(value: unknown): TestCaseResult {
  const result = testCaseSchema.safeParse(value);
  if (!result.success) return { ok: false, errors: zodIssues(result.error.issues) };
  const errors = assertSyntaxIssues(result.data, '');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, testCase: result.data };
}

/**
 * Problems only the workflow reveals: mocks naming steps that neither it nor its
 * sub-workflows (`children`) have, and step expectations naming steps it lacks. `prefix` is
 * the case's path (`cases[2]`), empty for a case on its own.
 */
export function caseWorkflowIssues(
  testCase: TestCase,
  workflow: WorkflowDefinition,
  prefix = '',
  children: readonly WorkflowDefinition[] = [],
): DefinitionIssue[] {
  const ids = new Set(workflow.nodes.map((n) => n.id));
  const mockable = new Set([...ids, ...children.flatMap((c) => c.nodes.map((n) => n.id))]);
  const issues: DefinitionIssue[] = [];
  const check = (section: string, keys: string[]) => {
    const known = section === 'mocks' ? mockable : ids;
    for (const id of keys) {
      if (known.has(id)) continue;
      issues.push({
        path: join(prefix, formatPath([...section.split('.'), id])),
        message: `Workflow "${workflow.name}" has no step "${id}"`,
      });
    }
  };
  check('mocks', Object.keys(testCase.mocks ?? {}));
  check('expect.steps', Object.keys(testCase.expect?.steps ?? {}));
  return issues;
}

function assertSyntaxIssues(testCase: TestCase, prefix: string): DefinitionIssue[] {
  return (testCase.expect?.assert ?? []).flatMap((source, i) => {
    const error = expressionSyntaxError(source);
    return error ? [{ path: join(prefix, `expect.assert[${i}]`), message: error }] : [];
  });
}

function zodIssues(issues: readonly { path: PropertyKey[]; message: string }[]): DefinitionIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function join(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path.startsWith('[') ? prefix + path : `${prefix}.${path}`;
}
