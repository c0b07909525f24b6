'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { EditMode } from './edit-batcher';
import { inputClass } from './field-shell';
import { fromRows, toRows, type KeyValueRow } from './key-value-rows';

interface KeyValueEditorProps {
  label: string;
  value: unknown;
  shape: 'record' | 'pairs';
  /** Values may be any JSON; new rows hold text, which may be a `{{ }}` template. */
  anyValue?: boolean;
  readOnly: boolean;
  describedBy?: string;
  onChange: (value: unknown, mode: EditMode) => void;
  onBlur: () => void;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Rows of name and value with add and remove, e.g. HTTP headers. */
export function KeyValueEditor(props: KeyValueEditorProps) {
  const [rows, setRows] = useState(() => toRows(props.value));
  const [seen, setSeen] = useState(props.value);
  const [error, setError] = useState<string | undefined>();

  if (!sameValue(seen, props.value)) {
    setSeen(props.value);
    if (!sameValue(fromRows(rows, props.shape).value, props.value)) {
      setRows(toRows(props.value));
      setError(undefined);
    }
  }

  const update = (next: KeyValueRow[], mode: EditMode) => {
    setRows(next);
    const result = fromRows(next, props.shape);
    setError(result.error);
    if (!result.error) props.onChange(result.value, mode);
  };

  return (
    <div className="mt-1 space-y-1">
      {rows.map((row, i) => (
        <div key={i} className="flex gap-1">
          <input
            aria-label={`${props.label} name ${i + 1}`}
            className={inputClass}
            value={row.key}
            disabled={props.readOnly}
            onChange={(e) => update(rows.with(i, { ...row, key: e.target.value }), 'typing')}
            onBlur={props.onBlur}
          />
          <input
            aria-label={`${props.label} value ${i + 1}`}
            className={inputClass}
            value={row.value}
            placeholder={props.anyValue && !row.json ? 'text or {{ expression }}' : undefined}
            disabled={props.readOnly}
            aria-describedby={props.describedBy}
            onChange={(e) => update(rows.with(i, { ...row, value: e.target.value }), 'typing')}
            onBlur={props.onBlur}
          />
          <Button
            variant="ghost"
            aria-label={`Remove ${props.label} row ${i + 1}`}
            disabled={props.readOnly}
            onClick={() => update(rows.toSpliced(i, 1), 'now')}
          >
            ✕
          </Button>
        </div>
      ))}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <Button
        variant="secondary"
        aria-label={`Add ${props.label} row`}
        disabled={props.readOnly}
        onClick={() => setRows([...rows, { key: '', value: '' }])}
      >
        Add row
      </Button>
    </div>
  );
}
