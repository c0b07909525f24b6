'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { Role } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';

export function AddMemberForm({ roles, onAdded }: { roles: Role[]; onAdded: () => void }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const create = useMutation(
    trpc.member.create.mutationOptions({
      onSuccess: () => {
        setEmail('');
        setPassword('');
        onAdded();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ email, password: password || undefined, role });
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Add member"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 className="font-medium">Add a member</h3>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Member email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Initial password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div>
          <label htmlFor="new-member-role" className="block text-sm font-medium text-slate-700">
            Member role
          </label>
          <select
            id="new-member-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={create.isPending}>
          Add member
        </Button>
      </div>
      {create.error ? (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      ) : null}
    </form>
  );
}
