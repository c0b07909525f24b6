'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

// Both end every session of the user, this one too: they sign in again.
const toSignIn = () => window.location.assign('/sign-in');

export function AccountSettings() {
  const trpc = useTRPC();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const change = useMutation(trpc.account.changePassword.mutationOptions({ onSuccess: toSignIn }));
  const signOutAll = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({ onSuccess: toSignIn }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };
  return (
    <section aria-labelledby="account-title" className="space-y-4">
      <h2 id="account-title" className="text-lg font-semibold">
        Your account
      </h2>
      <form
        onSubmit={submit}
        aria-label="Change password"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
          <Button type="submit" disabled={change.isPending}>
            Change password
          </Button>
        </div>
        <p className="text-xs text-slate-500">
          Changing it signs you out on every device; sign in again with the new password.
        </p>
        {change.error ? (
          <p role="alert" className="text-sm text-red-700">
            {change.error.message}
          </p>
        ) : null}
      </form>
      <div className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <Button
          variant="secondary"
          onClick={() => signOutAll.mutate()}
          disabled={signOutAll.isPending}
        >
          Sign out everywhere
        </Button>
        <p className="text-sm text-slate-600">Ends every session of yours, on every device.</p>
      </div>
    </section>
  );
}
