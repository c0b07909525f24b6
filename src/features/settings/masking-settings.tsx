'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

const BUILTIN_LABELS: Record<string, string> = {
  credentials: 'Credential values (plain, base64, hex, URL-encoded)',
  bearer: 'Bearer tokens and JWTs',
  card: 'Payment card numbers (Luhn-checked)',
  iban: 'IBANs (checksum-checked)',
  email: 'Email addresses',
};

/** Admins choose what is masked before anything is stored or logged. */
export function MaskingSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const masking = useQuery(trpc.masking.get.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.masking.get.queryKey() });
  const setBuiltins = useMutation(trpc.masking.setBuiltins.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'pattern' | 'path'>('path');
  const [expression, setExpression] = useState('');
  const add = useMutation(
    trpc.masking.addRule.mutationOptions({
      onSuccess: () => {
        setName('');
        setExpression('');
      },
      onSettled: refresh,
    }),
  );
  const remove = useMutation(trpc.masking.deleteRule.mutationOptions({ onSettled: refresh }));
  const builtins = masking.data?.builtins ?? [];
  const toggle = (rule: string, on: boolean) =>
    setBuiltins.mutate({
      builtins: builtins.filter((b) => (b.name === rule ? on : b.enabled)).map((b) => b.name),
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ name, kind, expression });
  };
  const error = setBuiltins.error ?? add.error ?? remove.error;
  return (
    <section aria-labelledby="masking-title" className="space-y-4">
      <h2 id="masking-title" className="text-lg font-semibold">
        Sensitive-data masking
      </h2>
      <p className="text-sm text-slate-600">
        Applied to step inputs, outputs, errors, logs and webhook inputs before they are stored or
        logged. A masked value shows as <code>••••[rule]</code>.
      </p>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Built-in rules</legend>
        {builtins.map((rule) => (
          <label key={rule.name} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={rule.enabled}
              onChange={(e) => toggle(rule.name, e.target.checked)}
            />
            {BUILTIN_LABELS[rule.name] ?? rule.name}
          </label>
        ))}
      </fieldset>
      <form
        onSubmit={submit}
        aria-label="Add a masking rule"
        className="flex flex-wrap items-end gap-3"
      >
        <TextField label="Rule name" value={name} onChange={(e) => setName(e.target.value)} />
        <div>
          <label htmlFor="masking-kind" className="block text-sm font-medium text-slate-700">
            Rule kind
          </label>
          <select
            id="masking-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'pattern' | 'path')}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="path">Path (e.g. **.password)</option>
            <option value="pattern">Regular expression</option>
          </select>
        </div>
        <TextField
          label="Path or pattern"
          value={expression}
          onChange={(e) => setExpression(e.target.value)}
        />
        <Button type="submit" disabled={add.isPending}>
          Add rule
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {masking.data?.rules.length ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
          {masking.data.rules.map((rule) => (
            <li key={rule.id} className="flex items-center justify-between px-4 py-2">
              <span>
                <strong>{rule.name}</strong> ({rule.kind}) <code>{rule.expression}</code>
              </span>
              <button
                type="button"
                onClick={() => remove.mutate({ id: rule.id })}
                aria-label={`Delete masking rule ${rule.name}`}
                className="text-red-700 hover:underline"
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
