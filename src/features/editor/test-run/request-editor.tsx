'use client';

import { useId, useState } from 'react';
import type { WebhookParams } from '../webhook/webhook-address';
import { defaultRequest, requestInput, requestInputText, type RequestDraft } from './request-input';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const FIELD = 'mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs';

interface RequestEditorProps {
  webhook: WebhookParams;
  disabled: boolean;
  /** Called with the run input (as JSON text) each time the request changes and is valid. */
  onInput: (json: string) => void;
}

/**
 * A webhook workflow's run input is the request that started it: this builds one from a
 * method, headers and a body, the way the server would receive it.
 */
export function RequestEditor({ webhook, disabled, onInput }: RequestEditorProps) {
  const id = useId();
  const [draft, setDraft] = useState<RequestDraft>(() => defaultRequest(webhook));
  const built = requestInput(draft);
  const change = (patch: Partial<RequestDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    const text = requestInputText(next);
    if (text !== undefined) onInput(text);
  };
  const errorId = `${id}-error`;
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-2">
      <legend className="px-1 text-sm font-medium text-slate-700">Request</legend>
      <p className="text-xs text-slate-600">
        Builds the run input a call of this webhook would give.
      </p>
      <label className="block text-xs font-medium text-slate-700">
        Request method
        <select
          value={draft.method}
          disabled={disabled}
          onChange={(e) => change({ method: e.target.value })}
          className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <label className="block text-xs font-medium text-slate-700">
        Request headers (one &quot;Name: value&quot; a line)
        <textarea
          rows={2}
          spellCheck={false}
          value={draft.headers}
          disabled={disabled}
          onChange={(e) => change({ headers: e.target.value })}
          className={FIELD}
        />
      </label>
      <label className="block text-xs font-medium text-slate-700">
        Request body (JSON)
        <textarea
          rows={4}
          spellCheck={false}
          value={draft.body}
          disabled={disabled}
          aria-invalid={built.ok ? undefined : true}
          aria-describedby={built.ok ? undefined : errorId}
          onChange={(e) => change({ body: e.target.value })}
          className={FIELD}
        />
      </label>
      {built.ok ? null : (
        <p id={errorId} role="alert" className="text-xs text-red-700">
          {built.error}
        </p>
      )}
    </fieldset>
  );
}
