import path from 'node:path';
import { defaultRegistry } from '../engine';
import { FolderWorkflows } from './folder-workflows';
import { isTestFile } from './find-test-files';
import type { CliIo } from './io';
import { loadTestFile } from './load-test-file';
import { formatIssue, loadWorkflow, type Issue } from './load-workflow';
import { EXIT } from './usage-error';

/**
 * `miniflow validate <files...>`: checks every file (workflows, and test files by their
 * `.test.json` / `.test.yaml` name) and reports every problem with its path. Exit 0 when all
 * are valid, 2 otherwise.
 */
export async function validateCommand(files: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  for (const file of files) {
    if (isTestFile(file)) {
      const tests = await loadTestFile(file, defaultRegistry);
      if (!tests.ok) {
        code = EXIT.invalid;
        reportInvalid(file, tests.errors, io);
        continue;
      }
      const cases = tests.file.cases.length;
      io.out(`✓ ${file}: valid (${cases} ${cases === 1 ? 'test case' : 'test cases'})\n`);
      continue;
    }
    const loaded = await loadWorkflow(file, defaultRegistry);
    if (!loaded.ok) {
      code = EXIT.invalid;
      reportInvalid(file, loaded.errors, io);
      continue;
    }
    const steps = loaded.workflow.nodes.length;
    io.out(`✓ ${file}: valid (${steps} ${steps === 1 ? 'step' : 'steps'})\n`);
    // On the server a workflowId names a stored workflow, so a missing sibling file is only
    // a warning here; `miniflow run` treats it as an error because it needs the file.
    const folder = new FolderWorkflows(path.dirname(file), defaultRegistry);
    for (const issue of await folder.check(loaded.workflow)) {
      io.err(`  warning: ${formatIssue(issue)} (needed to run it with "miniflow run")\n`);
    }
  }
  return code;
}

function reportInvalid(file: string, errors: Issue[], io: CliIo): void {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  io.err(`✗ ${file}: invalid (${count})\n`);
  for (const issue of errors) io.err(`  ${formatIssue(issue)}\n`);
}
