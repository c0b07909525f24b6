'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { RUN_STATUSES, TRIGGER_TYPES } from '@/shared/run-filters';
import { useTRPC } from '@/trpc/react';
import { filtersFromParams, fromLocalInput, toLocalInput, type RunFilters } from './run-filters';

const SELECT =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';

/** A label tied to its control by id: wrapping a select would put its options in the name. */
function Field({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/**
 * The filter controls. Selects apply at once; the time range and run id apply on submit,
 * so typing does not fire a query per keystroke.
 */
export function RunFiltersForm({
  filters,
  onChange,
}: {
  filters: RunFilters;
  onChange: (filters: RunFilters) => void;
}) {
  const trpc = useTRPC();
  const workflows = useQuery(trpc.workflow.list.queryOptions());
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  const [q, setQ] = useState(filters.q ?? '');

  const set = (patch: Partial<RunFilters>) => {
    const next = { ...filters, ...patch };
    // Re-validated as the URL would be: a reversed range drops its end.
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) params.set(key, value);
    onChange(filtersFromParams(params));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    set({ from: fromLocalInput(from), to: fromLocalInput(to), q: q.trim() || undefined });
  };

  return (
    <form
      aria-label="Run filters"
      onSubmit={submit}
      className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-7"
    >
      <Field label="Workflow">
        {(id) => (
          <select
            id={id}
            className={SELECT}
            value={filters.workflow ?? ''}
            onChange={(e) => set({ workflow: e.target.value || undefined })}
          >
            <option value="">All workflows</option>
            {(workflows.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
            {filters.workflow && !workflows.data?.some((w) => w.id === filters.workflow) ? (
              <option value={filters.workflow}>{filters.workflow}</option>
            ) : null}
          </select>
        )}
      </Field>
      <Field label="Status">
        {(id) => (
          <select
            id={id}
            className={SELECT}
            value={filters.status ?? ''}
            onChange={(e) => set({ status: (e.target.value || undefined) as RunFilters['status'] })}
          >
            <option value="">Any status</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Trigger">
        {(id) => (
          <select
            id={id}
            className={SELECT}
            value={filters.trigger ?? ''}
            onChange={(e) =>
              set({ trigger: (e.target.value || undefined) as RunFilters['trigger'] })
            }
          >
            <option value="">Any trigger</option>
            {TRIGGER_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From">
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            className={SELECT}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        )}
      </Field>
      <Field label="To">
        {(id) => (
          <input
            id={id}
            type="datetime-local"
            className={SELECT}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        )}
      </Field>
      <Field label="Run id">
        {(id) => (
          <input
            id={id}
            type="search"
            className={SELECT}
            value={q}
            placeholder="Paste a run id"
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button
          variant="ghost"
          onClick={() => {
            setFrom('');
            setTo('');
            setQ('');
            onChange({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
