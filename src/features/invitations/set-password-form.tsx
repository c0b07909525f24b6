'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';

type State = { error?: string };

/** The invitee, new to MiniFlow, chooses their own password. */
export function SetPasswordForm({
  token,
  email,
  action,
}: {
  token: string;
  email: string;
  action: (prev: State, form: FormData) => Promise<State>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} aria-label="Create your account" className="mt-6 space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField label="Email" value={email} readOnly autoComplete="username" />
      <TextField label="Your name" name="name" autoComplete="name" />
      <TextField
        label="Choose a password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
      />
      <TextField
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
      />
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Joining…' : 'Create account and join'}
      </Button>
    </form>
  );
}
