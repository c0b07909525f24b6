'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

export interface Quotas {
  runsPerMonth: number | null;
  activeRuns: number | null;
  storedBytes: number | null;
  workflows: number | null;
  fastSchedules: number | null;
}

const MB = 1024 * 1024;

const FIELDS: ReadonlyArray<{ key: keyof Quotas; label: string; scale?: number }> = [
  { key: 'runsPerMonth', label: 'Runs per month' },
  { key: 'activeRuns', label: 'Concurrently active runs' },
  { key: 'workflows', label: 'Workflows' },
  { key: 'fastSchedules', label: 'Schedules firing more than once a minute' },
  { key: 'storedBytes', label: 'Stored run data (MB)', scale: MB },
];

const shown = (value: number | null, scale = 1) =>
  value === null ? '' : String(Math.round((value / scale) * 100) / 100);

/**
 * An instance admin's form for one workspace's quotas. An empty field falls back to the
 * environment's default, which the label names.
 */
export function WorkspaceQuotaForm({
  workspace,
  overrides,
  defaults,
  onDone,
}: {
  workspace: { workspaceId: string; name: string };
  overrides: Quotas;
  defaults: Quotas;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(
    Object.fromEntries(FIELDS.map((f) => [f.key, shown(overrides[f.key], f.scale)])) as Record<
      keyof Quotas,
      string
    >,
  );
  const save = useMutation(
    trpc.instance.setQuotas.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.instance.workspaces.queryKey() });
        onDone();
      },
    }),
  );
  const parsed = (key: keyof Quotas, scale = 1) =>
    values[key].trim() === '' ? null : Math.round(Number(values[key]) * scale);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      workspaceId: workspace.workspaceId,
      runsPerMonth: parsed('runsPerMonth'),
      activeRuns: parsed('activeRuns'),
      workflows: parsed('workflows'),
      fastSchedules: parsed('fastSchedules'),
      storedBytes: parsed('storedBytes', MB),
    });
  };
  return (
    <form
      onSubmit={submit}
      aria-label={`Quotas of ${workspace.name}`}
      className="grid gap-3 rounded-md bg-slate-50 p-3 md:grid-cols-2"
    >
      {FIELDS.map((f) => (
        <TextField
          key={f.key}
          label={`${f.label} (empty: ${defaults[f.key] === null ? 'no quota' : `default ${shown(defaults[f.key], f.scale)}`})`}
          type="number"
          min={0}
          step="any"
          value={values[f.key]}
          onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
        />
      ))}
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={save.isPending}>
          Save quotas of {workspace.name}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        {save.error ? (
          <p role="alert" className="text-sm text-red-700">
            {save.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
