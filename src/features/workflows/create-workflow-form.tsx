'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { useTRPC } from '@/trpc/react';

export function CreateWorkflowForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const hydrated = useHydrated();
  const create = useMutation(
    trpc.workflow.create.mutationOptions({
      onSuccess: async () => {
        setName('');
        await queryClient.invalidateQueries({ queryKey: trpc.workflow.list.queryKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name });
  };
  return (
    <form onSubmit={submit} className="flex items-end gap-2" aria-label="Create workflow">
      <TextField
        label="New workflow name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={create.error?.message}
        className="w-80"
      />
      <Button type="submit" disabled={!hydrated || create.isPending}>
        Create workflow
      </Button>
    </form>
  );
}
