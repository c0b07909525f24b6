import { parseDocument } from 'yaml';
import { formatPath } from './path';
import { workflowDefinitionSchema, type WorkflowDefinition } from './workflow.schema';

export interface DefinitionIssue {
  /** `nodes[3].params.url` style; empty for problems with the whole text. */
  path: string;
  message: string;
}

export type ParseResult =
  { ok: true; workflow: WorkflowDefinition } | { ok: false; errors: DefinitionIssue[] };

export type DefinitionFormat = 'json' | 'yaml' | 'auto';

/**
 * Reads a saved workflow from JSON or YAML text. Only the format is checked here; whether
 * step types, params and edges make sense is `validateWorkflow`'s job, because that needs the
 * step registry.
 */
export function parseWorkflow(text: string, format: DefinitionFormat = 'auto'): ParseResult {
  const raw = readText(text, format);
  if (!raw.ok) return raw;
  return checkWorkflow(raw.value);
}

/** Checks an already-decoded value (e.g. a request body) against the saved format. */
export function checkWorkflow(value: unknown): ParseResult {
  const result = workflowDefinitionSchema.safeParse(value);
  if (result.success) return { ok: true, workflow: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}

export type ReadResult = { ok: true; value: unknown } | { ok: false; errors: DefinitionIssue[] };

/** Decodes JSON or YAML text (safely: duplicate keys and alias bombs are refused). */
export function readText(text: string, format: DefinitionFormat): ReadResult {
  // JSON is a subset of YAML, but its own parser gives the messages JSON users expect.
  const looksJson = /^\s*[[{]/.test(text);
  if (format === 'json' || (format === 'auto' && looksJson)) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (err) {
      if (format === 'json') return textError(`Invalid JSON: ${(err as Error).message}`);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? ` (line ${pos.line}, column ${pos.col})` : '';
    // prettyErrors appends " at line L, column C:" and a source excerpt: keep the sentence.
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return textError(`Invalid YAML${where}: ${reason}`);
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (err) {
    // Alias expansion past the limit: a "billion laughs" document.
    return textError(`Invalid YAML: ${(err as Error).message}`);
  }
}

function textError(message: string): ReadResult {
  return { ok: false, errors: [{ path: '', message }] };
}
