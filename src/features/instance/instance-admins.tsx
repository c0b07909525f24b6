'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

/** Who administers the installation: an admin names others and may take the role back. */
export function InstanceAdmins() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const admins = useQuery(trpc.instance.admins.queryOptions());
  const [email, setEmail] = useState('');
  const change = useMutation(
    trpc.instance.setAdmin.mutationOptions({
      onSuccess: async (_, input) => {
        if (input.admin) setEmail('');
        await queryClient.invalidateQueries({ queryKey: trpc.instance.admins.queryKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ email: email.trim(), admin: true });
  };
  return (
    <section aria-labelledby="instance-admins-title" className="space-y-4">
      <h2 id="instance-admins-title" className="text-lg font-semibold">
        Instance admins
      </h2>
      <p className="text-sm text-slate-600">
        Instance admins set every workspace&apos;s quotas and name other instance admins.
      </p>
      <ul
        aria-label="Instance admins"
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
      >
        {admins.data?.map((admin) => (
          <li key={admin.email} className="flex items-center justify-between px-4 py-2 text-sm">
            <span>
              {admin.email}
              {admin.self ? ' (you)' : ''}
            </span>
            <Button
              variant="secondary"
              disabled={change.isPending}
              aria-label={`Remove ${admin.email} as instance admin`}
              onClick={() => change.mutate({ email: admin.email, admin: false })}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} aria-label="Name an instance admin" className="flex items-end gap-3">
        <TextField
          label="Email of a user to make instance admin"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          className="w-80"
        />
        <Button type="submit" disabled={change.isPending}>
          Make instance admin
        </Button>
      </form>
      {change.error ? (
        <p role="alert" className="text-sm text-red-700">
          {change.error.message}
        </p>
      ) : null}
    </section>
  );
}
