import {
  checkWorkflow,
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

/**
 * The exported file's text: pretty JSON with the saved format's keys in the schema's order.
 * A draft read back from the database has its keys in PostgreSQL's jsonb order, an imported
 * one in the parser's: the same definition exports to the same text either way.
 */
export function exportText(definition: WorkflowDefinition): string {
  const checked = checkWorkflow(definition);
  return `${JSON.stringify(checked.ok ? checked.workflow : definition, null, 2)}\n`;
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
