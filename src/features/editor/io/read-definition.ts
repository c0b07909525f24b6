import {
  defaultRegistry,
  parseWorkflow,
  validateWorkflow,
  type DefinitionIssue,
  type StepRegistry,
  type WorkflowDefinition,
} from '@/engine';

export type ReadDefinitionResult =
  | {
      ok: true;
      definition: WorkflowDefinition;
      /** Graph problems: the draft may hold them, but publishing will refuse them. */
      warnings: DefinitionIssue[];
    }
  | { ok: false; errors: DefinitionIssue[] };

/**
 * Reads pasted or uploaded JSON/YAML with the engine's parser. Format errors refuse the
 * import; validation problems are only reported, since a draft may be unfinished.
 */
export function readDefinition(
  text: string,
  registry: StepRegistry = defaultRegistry,
): ReadDefinitionResult {
  if (text.trim() === '') {
    return { ok: false, errors: [{ path: '', message: 'Paste a definition or choose a file' }] };
  }
  const parsed = parseWorkflow(text);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    definition: parsed.workflow,
    warnings: validateWorkflow(parsed.workflow, registry).errors,
  };
}

/** The exported file's text: the definition as pretty JSON, as the importer reads it back. */
export function exportText(definition: WorkflowDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

/** `<name>.json` with characters file systems refuse replaced. */
export function exportFileName(name: string): string {
  const printable = [...name].filter((c) => c >= ' ').join('');
  const safe = printable
    .replace(/[\\/:*?"<>|]+/g, '-')
    .trim()
    .replace(/^\.+/, '');
  return `${safe || 'workflow'}.json`;
}

/** `nodes[2].params.url: Required`, or just the message for problems with the whole text. */
export function formatIssue(issue: DefinitionIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
