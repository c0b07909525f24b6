'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import type { Role } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';

/** Makes an invitation link; it is shown once here to copy, and never again. */
export function InviteMemberForm({ roles, onInvited }: { roles: Role[]; onInvited: () => void }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: (invitation) => {
        setLink({
          email: invitation.email,
          url: `${window.location.origin}/invite/${invitation.token}`,
        });
        setCopied(false);
        setEmail('');
        onInvited();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLink(null);
    create.mutate({ email, role });
  };
  const copy = async () => {
    if (!link) return;
    await navigator.clipboard.writeText(link.url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Invite member"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 className="font-medium">Invite a member</h3>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Invitee email"
          type="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value);
            create.reset();
          }}
        />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
            Invitee role
          </label>
          <select
            id="invite-role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role);
              create.reset();
            }}
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
          Create invitation link
        </Button>
      </div>
      {create.error ? (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      ) : null}
      {link ? (
        <div role="status" className="space-y-2 rounded-md bg-brand-50 p-3 text-sm">
          <p>
            Send this link to {link.email}. It works once and is shown only now; anyone who has it
            can join.
          </p>
          <div className="flex items-end gap-2">
            <TextField
              label="Invitation link"
              readOnly
              value={link.url}
              onFocus={(e) => e.currentTarget.select()}
              className="flex-1"
            />
            <Button variant="secondary" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
