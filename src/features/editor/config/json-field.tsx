'use client';

import { useState } from 'react';
import type { EditMode } from './edit-batcher';
import { inputClass } from './field-shell';

interface JsonFieldProps {
  id: string;
  value: unknown;
  readOnly: boolean;
  invalid: boolean;
  describedBy?: string;
  onChange: (value: unknown, mode: EditMode) => void;
  onBlur: () => void;
}

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parse(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${(err as Error).message}` };
  }
}

/** A JSON value as text; text that does not parse is kept and explained, not saved. */
export function JsonField(props: JsonFieldProps) {
  const [text, setText] = useState(() => show(props.value));
  const [seen, setSeen] = useState(() => show(props.value));
  const parsed = parse(text);

  const current = show(props.value);
  if (seen !== current) {
    setSeen(current);
    if (!parsed.ok || show(parsed.value) !== current) setText(current);
  }

  const errorId = `${props.id}-json-error`;
  return (
    <>
      <textarea
        id={props.id}
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        className={`${inputClass} font-mono text-xs`}
        value={text}
        disabled={props.readOnly}
        aria-invalid={props.invalid || !parsed.ok ? true : undefined}
        aria-describedby={
          [parsed.ok ? '' : errorId, props.describedBy ?? ''].filter(Boolean).join(' ') || undefined
        }
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const next = parse(e.target.value);
          if (next.ok) props.onChange(next.value, 'typing');
        }}
        onBlur={props.onBlur}
      />
      {parsed.ok ? null : (
        <p id={errorId} role="alert" className="text-xs text-red-700">
          {parsed.error}
        </p>
      )}
    </>
  );
}
