'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { Role } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';

type KeyRole = Exclude<Role, 'owner'>;

/** Makes an API key; the key is shown once here to copy, and never again. */
export function CreateApiKeyForm({
  roles,
  onCreated,
}: {
  roles: KeyRole[];
  onCreated: () => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [role, setRole] = useState<KeyRole>('operator');
  const [expiresInDays, setExpiresInDays] = useState('');
  const [made, setMade] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: (key) => {
        setMade({ name: key.name, key: key.key });
        setCopied(false);
        setName('');
        setExpiresInDays('');
        onCreated();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMade(null);
    create.mutate({
      name,
      role,
      ...(expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}),
    });
  };
  const copy = async () => {
    if (!made) return;
    await navigator.clipboard.writeText(made.key).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Create API key"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 className="font-medium">Create an API key</h3>
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Key name" value={name} onChange={(e) => setName(e.target.value)} />
        <div>
          <label htmlFor="api-key-role" className="block text-sm font-medium text-slate-700">
            Key role
          </label>
          <select
            id="api-key-role"
            value={role}
            onChange={(e) => setRole(e.target.value as KeyRole)}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label="Expires in (days, empty: never)"
          type="number"
          min={1}
          max={3650}
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
        />
        <Button type="submit" disabled={create.isPending}>
          Create API key
        </Button>
      </div>
      {create.error ? (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      ) : null}
      {made ? (
        <div role="status" className="space-y-2 rounded-md bg-brand-50 p-3 text-sm">
          <p>
            Copy the key “{made.name}” now: it is shown only once. Send it as{' '}
            <code>Authorization: Bearer &lt;key&gt;</code>.
          </p>
          <div className="flex items-end gap-2">
            <TextField
              label="New API key"
              readOnly
              value={made.key}
              onFocus={(e) => e.currentTarget.select()}
              className="flex-1 font-mono"
            />
            <Button variant="secondary" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
