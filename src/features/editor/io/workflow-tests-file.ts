import { parseTestFile, type DefinitionIssue, type TestFile } from '@/engine';
import { exportFileName } from './read-definition';

/** `orders.test.json`, `.test.yaml`, `.test.yml`: the names `miniflow test` looks for. */
export function isTestFileName(name: string): boolean {
  return /\.test\.(json|ya?ml)$/i.test(name);
}

/**
 * The test file exported beside `<name>.json`: it names the workflow by that file's stem,
 * so `miniflow test` and `miniflow workflows push` find the pair in a folder as it is.
 */
export function testExport(workflowName: string, cases: readonly unknown[]) {
  const stem = exportFileName(workflowName).replace(/\.json$/, '');
  const file = { schemaVersion: 1, workflow: stem, cases };
  return { fileName: testFileName(workflowName), text: `${JSON.stringify(file, null, 2)}\n` };
}

/** `<name>.test.json` beside the workflow's `<name>.json`. */
export function testFileName(workflowName: string): string {
  return exportFileName(workflowName).replace(/\.json$/, '.test.json');
}

export type ReadTestFileResult =
  { ok: true; file: TestFile } | { ok: false; errors: DefinitionIssue[] };

/** An uploaded test file, checked against the test file format with paths. */
export function readTestFile(text: string, fileName: string): ReadTestFileResult {
  const format = /\.json$/i.test(fileName) ? 'json' : 'yaml';
  return parseTestFile(text, format);
}
