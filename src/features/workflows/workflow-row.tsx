'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { countOf } from '@/shared/count-of';

interface WorkflowRowProps {
  workflow: { id: string; name: string; updatedAt: Date; _count: { versions: number } };
  canEdit: boolean;
}

export function WorkflowRow({ workflow, canEdit }: WorkflowRowProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useWorkspace();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(workflow.name);
  const [confirming, setConfirming] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  // The Rename button disappears while renaming: keep keyboard focus in the form.
  useEffect(() => {
    if (renaming) nameInput.current?.focus();
  }, [renaming]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workflow.list.queryKey() });
  const rename = useMutation(
    trpc.workflow.rename.mutationOptions({
      onSuccess: async () => {
        setRenaming(false);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.workflow.delete.mutationOptions({ onSuccess: refresh }));

  const submitRename = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ id: workflow.id, name });
  };

  return (
    <li className="flex items-center gap-4 px-4 py-3" aria-label={workflow.name}>
      {renaming ? (
        <form
          onSubmit={submitRename}
          className="flex flex-1 items-end gap-2"
          aria-label={`Rename ${workflow.name}`}
        >
          <TextField
            label="Workflow name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={rename.error?.message}
            className="w-80"
            ref={nameInput}
          />
          <Button type="submit" disabled={rename.isPending}>
            Save
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setRenaming(false);
              setName(workflow.name);
              rename.reset();
            }}
          >
            Cancel
          </Button>
        </form>
      ) : (
        <div className="min-w-0 flex-1">
          <Link
            href={`/w/${slug}/workflows/${workflow.id}`}
            className="block truncate font-medium text-brand-700 hover:underline"
          >
            {workflow.name}
          </Link>
          <div className="text-xs text-slate-500">
            {countOf(workflow._count.versions, 'version')} · updated{' '}
            {workflow.updatedAt.toLocaleString()}
          </div>
        </div>
      )}
      {canEdit && !renaming ? (
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => setRenaming(true)}
            aria-label={`Rename ${workflow.name}`}
          >
            Rename
          </Button>
          <Button
            variant="secondary"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${workflow.name}`}
          >
            Delete
          </Button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${workflow.name}?`}
        confirmLabel="Delete workflow"
        pending={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate({ id: workflow.id }, { onSettled: () => setConfirming(false) })
        }
      >
        This deletes the workflow with all its versions and runs. It cannot be undone.
      </ConfirmDialog>
    </li>
  );
}
