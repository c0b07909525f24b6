/** What an expression can refer to, from the workflow and its latest run. */
export interface ExpressionScope {
  nodeIds: readonly string[];
  /** Latest run's input, when there is one. */
  input?: unknown;
  vars?: Record<string, unknown>;
  /** Latest run's step outputs by node id. */
  outputs?: Record<string, unknown>;
  /** Ids of the edited step's direct predecessors: what `prev` stands for. */
  predecessorIds?: readonly string[];
}

export interface CompletionOption {
  label: string;
  type: 'variable' | 'property';
  detail?: string;
}

export interface CompletionResult {
  /** Offset in the text where the word being completed starts. */
  from: number;
  options: CompletionOption[];
}

const ROOTS: CompletionOption[] = [
  { label: 'input', type: 'variable', detail: "the run input: the trigger's payload" },
  { label: 'prev', type: 'variable', detail: 'the output of the step before this one' },
  { label: 'steps', type: 'variable', detail: 'steps.<id>: the output of any earlier step' },
  { label: 'vars', type: 'variable', detail: 'workflow variables' },
  { label: 'run', type: 'variable', detail: 'id, workflowId, attempt' },
];

const NAME = /[A-Za-z_$][\w$]*/;
const PATH_BEFORE_CURSOR = new RegExp(`(?:${NAME.source}\\.)*(?:${NAME.source})?$`);

/**
 * Completions for the dotted path that ends at `cursor`: the roots of the expression context,
 * node ids after `steps.`, and field names found in the latest run's data further down.
 * Returns null where nothing sensible can be offered (e.g. inside a string).
 */
export function completePath(
  text: string,
  cursor: number,
  scope: ExpressionScope,
): CompletionResult | null {
  const before = text.slice(0, cursor);
  if (insideString(before)) return null;
  const match = PATH_BEFORE_CURSOR.exec(before);
  const path = match?.[0] ?? '';
  const segments = path.split('.');
  const partial = segments.pop() ?? '';
  const from = cursor - partial.length;
  if (segments.length === 0) {
    // Only offer roots once a word is started, or right after an operator/bracket.
    const previous = before.slice(0, from).trimEnd().slice(-1);
    if (partial === '' && previous !== '' && /[\w)\]}"'`]/.test(previous)) return null;
    return filter(ROOTS, partial, from);
  }
  const [root, ...rest] = segments;
  if (root === 'steps' && rest.length === 0) {
    return filter(
      scope.nodeIds.map((id) => ({ label: id, type: 'property' as const, detail: 'step' })),
      partial,
      from,
    );
  }
  const base =
    root === 'input'
      ? scope.input
      : root === 'prev'
        ? previousOutput(scope)
        : root === 'vars'
          ? scope.vars
          : root === 'steps'
            ? scope.outputs?.[rest.shift() ?? '']
            : root === 'run'
              ? { id: '', workflowId: '', attempt: 1 }
              : undefined;
  return filter(fieldsAt(base, rest), partial, from);
}

/** The latest run's value of `prev` for the edited step, as the engine would give it. */
function previousOutput(scope: ExpressionScope): unknown {
  const ids = (scope.predecessorIds ?? []).filter((id) => scope.outputs && id in scope.outputs);
  if (ids.length === 0) return undefined;
  if (ids.length === 1) return scope.outputs?.[ids[0]!];
  return Object.fromEntries(ids.map((id) => [id, scope.outputs?.[id]]));
}

function fieldsAt(value: unknown, path: string[]): CompletionOption[] {
  let current = value;
  for (const key of path) {
    current = Array.isArray(current) ? current[0] : current;
    if (!isRecord(current)) return [];
    current = current[key];
  }
  current = Array.isArray(current) ? current[0] : current;
  if (!isRecord(current)) return [];
  return Object.entries(current).map(([label, v]) => ({
    label,
    type: 'property',
    detail: describe(v),
  }));
}

function filter(options: CompletionOption[], partial: string, from: number): CompletionResult {
  const lower = partial.toLowerCase();
  return { from, options: options.filter((o) => o.label.toLowerCase().startsWith(lower)) };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `text` ends inside an unclosed "…" or '…' string literal. */
function insideString(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== null;
}

/** Whether `before` (text up to the cursor) ends inside a template's `{{ … }}` part. */
export function insideTemplateExpression(before: string): boolean {
  return before.lastIndexOf('{{') > before.lastIndexOf('}}');
}
