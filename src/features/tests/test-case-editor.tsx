'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { TestCase } from '@/engine';
import { EMPTY_FORM, fromForm, toForm, type CaseForm } from './case-form';

interface TestCaseEditorProps {
  /** The case being edited; a new one when absent. */
  initial?: TestCase;
  pending: boolean;
  /** The server's refusal, if the last save was refused. */
  error?: string;
  onSave: (testCase: Record<string, unknown>) => void;
  onCancel: () => void;
}

const STATUSES = [
  ['', 'Any'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['cancelled', 'Cancelled'],
] as const;

/** Edits one case: a form for input, mocks and expectations, or the case as raw JSON. */
export function TestCaseEditor({ initial, pending, error, onSave, onCancel }: TestCaseEditorProps) {
  const [form, setForm] = useState<CaseForm>(() => (initial ? toForm(initial) : EMPTY_FORM));
  const [raw, setRaw] = useState<string | null>(null);
  const [local, setLocal] = useState<{ field: string; message: string }>();
  const set = (field: keyof CaseForm) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocal(undefined);
    if (raw !== null) {
      try {
        onSave(JSON.parse(raw) as Record<string, unknown>);
      } catch (err) {
        setLocal({ field: 'raw', message: `Not valid JSON: ${(err as Error).message}` });
      }
      return;
    }
    const result = fromForm(form, initial);
    if (!result.ok) setLocal({ field: result.field, message: result.message });
    else onSave(result.value);
  };
  const toggleRaw = () => {
    if (raw !== null) {
      setRaw(null);
      return;
    }
    const result = fromForm(form, initial);
    setRaw(JSON.stringify(result.ok ? result.value : (initial ?? {}), null, 2));
  };
  const fieldError = (field: string) => (local?.field === field ? local.message : undefined);

  return (
    <form
      onSubmit={submit}
      aria-label={initial ? `Edit test ${initial.name}` : 'New test'}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="flex items-center gap-2">
        <Button variant="ghost" onClick={toggleRaw} aria-pressed={raw !== null}>
          {raw !== null ? 'Use the form' : 'Edit as JSON'}
        </Button>
      </div>
      {raw !== null ? (
        <JsonArea
          label="Test case (JSON)"
          value={raw}
          onChange={setRaw}
          error={fieldError('raw')}
          rows={16}
        />
      ) : (
        <>
          <TextField
            label="Name"
            value={form.name}
            onChange={(e) => set('name')(e.target.value)}
            required
          />
          <JsonArea
            label="Input (JSON)"
            value={form.input}
            onChange={set('input')}
            error={fieldError('input')}
          />
          <JsonArea
            label="Mocks (JSON, by step id)"
            value={form.mocks}
            onChange={set('mocks')}
            error={fieldError('mocks')}
          />
          <TextField
            label="Start time (ISO 8601, optional)"
            value={form.now}
            onChange={(e) => set('now')(e.target.value)}
          />
          <SelectField
            label="Expected status"
            value={form.status}
            onChange={(v) => set('status')(v)}
            options={STATUSES}
          />
          <JsonArea
            label="Expected output (JSON, partial)"
            value={form.output}
            onChange={set('output')}
            error={fieldError('output')}
          />
          <JsonArea
            label="Expected steps (JSON, by step id)"
            value={form.steps}
            onChange={set('steps')}
            error={fieldError('steps')}
          />
          <JsonArea
            label="Assertions (JSONata, one per line)"
            value={form.assert}
            onChange={set('assert')}
            rows={2}
          />
        </>
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          Save test
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function JsonArea(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  rows?: number;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <textarea
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        rows={props.rows ?? 4}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      {props.error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function SelectField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
