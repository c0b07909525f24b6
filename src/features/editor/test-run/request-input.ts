/** What the request editor holds: a webhook call as a user writes it. */
export interface RequestDraft {
  method: string;
  path: string;
  /** One `Name: value` per line. */
  headers: string;
  /** JSON, or empty for no body. */
  body: string;
}

/** A call of the webhook with its own method and path, no headers and no body. */
export function defaultRequest(webhook: { method?: unknown; path?: unknown }): RequestDraft {
  return {
    method: typeof webhook.method === 'string' ? webhook.method : 'POST',
    path: typeof webhook.path === 'string' ? webhook.path : '',
    headers: '',
    body: '',
  };
}

/** The run input of a request draft as the Run input text, or undefined when it is invalid. */
export function requestInputText(draft: RequestDraft): string | undefined {
  const input = requestInput(draft);
  return input.ok ? JSON.stringify(input.value, null, 2) : undefined;
}

export type RequestInput = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The run input a webhook call like `draft` gives its workflow, shaped as the server builds
 * it (`{ method, path, headers, query, body }`, header names in lower case).
 */
export function requestInput(draft: RequestDraft): RequestInput {
  const headers: Record<string, string> = {};
  const lines = draft.headers.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      return { ok: false, error: `Headers line ${i + 1}: write it as "Name: value"` };
    }
    headers[name.toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body: unknown = null;
  if (draft.body.trim() !== '') {
    try {
      body = JSON.parse(draft.body) as unknown;
    } catch (err) {
      return { ok: false, error: `Body is not valid JSON: ${(err as Error).message}` };
    }
    headers['content-type'] ??= 'application/json';
  }
  return {
    ok: true,
    value: { method: draft.method, path: draft.path, headers, query: {}, body },
  };
}
