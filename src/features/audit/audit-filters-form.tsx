'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { EMPTY_FILTERS, type AuditFilterForm } from './audit-filters';

/** Filters apply on submit, so typing does not fire a query per keystroke. */
export function AuditFiltersForm({ onApply }: { onApply: (filters: AuditFilterForm) => void }) {
  const [form, setForm] = useState(EMPTY_FILTERS);
  const field = (key: keyof AuditFilterForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(form);
  };
  return (
    <form
      aria-label="Audit filters"
      onSubmit={submit}
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6"
    >
      <TextField label="Action" placeholder="member." {...field('action')} />
      <TextField label="Actor email" {...field('actor')} />
      <TextField label="Target" placeholder="id or type" {...field('target')} />
      <TextField label="From date" type="date" {...field('fromDate')} />
      <TextField label="To date" type="date" {...field('toDate')} />
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="secondary"
          onClick={() => {
            setForm(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
