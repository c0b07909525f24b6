'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

interface PublishGateSettingsProps {
  workflowId: string;
  required: boolean;
  minCoverage: number | null;
}

/** The workflow setting that makes publishing run the tests and refuse a failing suite. */
export function PublishGateSettings({
  workflowId,
  required,
  minCoverage,
}: PublishGateSettingsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [gate, setGate] = useState(required);
  const [min, setMin] = useState(minCoverage === null ? '' : String(minCoverage));
  const save = useMutation(
    trpc.workflow.updateSettings.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.workflow.get.queryKey({ id: workflowId }) }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      id: workflowId,
      requireTestsToPublish: gate,
      minTestCoverage: min.trim() === '' ? null : Number(min),
    });
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Publish gate"
      className="flex flex-wrap items-end gap-3 text-sm"
    >
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={gate} onChange={(e) => setGate(e.target.checked)} />
        Require passing tests to publish
      </label>
      <TextField
        label="Minimum coverage (%)"
        type="number"
        min={0}
        max={100}
        value={min}
        onChange={(e) => setMin(e.target.value)}
        className="w-40"
        disabled={!gate}
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        Save gate
      </Button>
      {save.error ? (
        <p role="alert" className="w-full text-red-700">
          {save.error.message}
        </p>
      ) : null}
      {save.isSuccess ? (
        <p role="status" className="w-full text-emerald-700">
          Publish gate saved
        </p>
      ) : null}
    </form>
  );
}
