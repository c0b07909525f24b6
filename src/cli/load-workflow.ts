import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultRegistry,
  parseWorkflow,
  validateWorkflow,
  type DefinitionFormat,
  type StepRegistry,
  type WorkflowDefinition,
} from '../engine';

export interface Issue {
  /** Empty for problems with the file as a whole (unreadable, not JSON). */
  path: string;
  message: string;
}

export type LoadResult =
  { ok: true; workflow: WorkflowDefinition } | { ok: false; errors: Issue[] };

/** The extension decides the parser, so a broken .json file gets a JSON error, not a YAML one. */
export function formatOf(file: string): DefinitionFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return 'auto';
}

/** Reads, parses and validates one workflow file, collecting every problem. */
export async function loadWorkflow(
  file: string,
  registry: StepRegistry = defaultRegistry,
): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: `Cannot read file: ${describe(err)}` }] };
  }
  const parsed = parseWorkflow(text, formatOf(file));
  if (!parsed.ok) return parsed;
  const checked = validateWorkflow(parsed.workflow, registry);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  return { ok: true, workflow: parsed.workflow };
}

/** `nodes[2].type: Unknown step type "x"`, or just the message for whole-file problems. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file';
  if (e.code === 'EISDIR') return 'it is a directory';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(err);
}
