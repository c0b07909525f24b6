'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      // A full load: the new workspace's shell is rendered by the server.
      onSuccess: (workspace) =>
        window.location.assign(`/w/${encodeURIComponent(workspace.slug)}/workflows`),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name });
  };
  return (
    <form onSubmit={submit} aria-label="Create workspace" className="mt-6 space-y-4">
      <TextField
        label="Workspace name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={create.error?.message}
      />
      <Button type="submit" className="w-full" disabled={create.isPending}>
        Create workspace
      </Button>
    </form>
  );
}
