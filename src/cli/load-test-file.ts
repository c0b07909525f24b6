import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  caseWorkflowIssues,
  parseTestFile,
  type StepRegistry,
  type TestFile,
  type WorkflowDefinition,
} from '../engine';
import { FolderWorkflows } from './folder-workflows';
import { formatOf, type Issue } from './load-workflow';

export type LoadedTestFile =
  | { ok: true; file: TestFile; workflow: WorkflowDefinition; folder: FolderWorkflows }
  | { ok: false; errors: Issue[] };

/**
 * Reads a test file and the workflow it names from the same folder, and checks that both are
 * valid, that sub-workflows exist, and that its mocks and expectations name real steps.
 */
export async function loadTestFile(file: string, registry: StepRegistry): Promise<LoadedTestFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { ok: false, errors: [{ path: '', message: `Cannot read file: ${why}` }] };
  }
  const parsed = parseTestFile(text, formatOf(file));
  if (!parsed.ok) return parsed;
  const folder = new FolderWorkflows(path.dirname(file), registry);
  let workflow: WorkflowDefinition;
  try {
    workflow = await folder.resolve(parsed.file.workflow);
  } catch (err) {
    return { ok: false, errors: [{ path: 'workflow', message: (err as Error).message }] };
  }
  const errors: Issue[] = (await folder.check(workflow)).map((issue) => ({
    path: `workflow -> ${issue.path}`,
    message: issue.message,
  }));
  const children = await folder.descendants(workflow);
  parsed.file.cases.forEach((c, i) =>
    errors.push(...caseWorkflowIssues(c, workflow, `cases[${i}]`, children)),
  );
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, file: parsed.file, workflow, folder };
}
