'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';

/** Owners rename, hand over and delete the workspace. */
export function WorkspaceSettings() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const [name, setName] = useState(workspace.name);
  const [newOwner, setNewOwner] = useState('');
  const [confirmName, setConfirmName] = useState('');
  const members = useQuery(trpc.member.list.queryOptions());
  // The shell shows the name and role from the server: reload it after a change.
  const reload = () => window.location.reload();
  const rename = useMutation(trpc.workspace.rename.mutationOptions({ onSuccess: reload }));
  const transfer = useMutation(
    trpc.workspace.transferOwnership.mutationOptions({ onSuccess: reload }),
  );
  const remove = useMutation(
    trpc.workspace.delete.mutationOptions({ onSuccess: () => window.location.assign('/') }),
  );
  const candidates = members.data?.filter((m) => m.role !== 'owner') ?? [];

  const submitRename = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ name });
  };
  const submitTransfer = (e: FormEvent) => {
    e.preventDefault();
    if (newOwner) transfer.mutate({ membershipId: newOwner });
  };
  const submitDelete = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate({ confirmName });
  };

  return (
    <section aria-labelledby="workspace-title" className="space-y-4">
      <h2 id="workspace-title" className="text-lg font-semibold">
        Workspace
      </h2>
      <form
        onSubmit={submitRename}
        aria-label="Rename workspace"
        className="flex items-end gap-2 rounded-lg border border-slate-200 bg-white p-4"
      >
        <TextField
          label="Workspace name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={rename.error?.message}
          className="w-80"
        />
        <Button type="submit" disabled={rename.isPending}>
          Rename workspace
        </Button>
      </form>
      <form
        onSubmit={submitTransfer}
        aria-label="Transfer ownership"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex items-end gap-2">
          <div>
            <label htmlFor="new-owner" className="block text-sm font-medium text-slate-700">
              New owner
            </label>
            <select
              id="new-owner"
              value={newOwner}
              onChange={(e) => setNewOwner(e.target.value)}
              className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            >
              <option value="">Choose a member</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.email}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" disabled={!newOwner || transfer.isPending}>
            Transfer ownership
          </Button>
        </div>
        <p className="text-xs text-slate-500">You stay on as an admin.</p>
        {transfer.error ? (
          <p role="alert" className="text-sm text-red-700">
            {transfer.error.message}
          </p>
        ) : null}
      </form>
      <form
        onSubmit={submitDelete}
        aria-label="Delete workspace"
        className="space-y-2 rounded-lg border border-red-200 bg-white p-4"
      >
        <p className="text-sm text-slate-700">
          Deleting stops its schedules and webhooks, cancels its unfinished runs and removes its
          workflows, runs and members. It cannot be undone.
        </p>
        <div className="flex items-end gap-2">
          <TextField
            label={`Type "${workspace.name}" to confirm`}
            value={confirmName}
            onChange={(e) => setConfirmName(e.target.value)}
            error={remove.error?.message}
            className="w-80"
          />
          <Button
            type="submit"
            variant="danger"
            disabled={confirmName !== workspace.name || remove.isPending}
          >
            Delete workspace
          </Button>
        </div>
      </form>
    </section>
  );
}
