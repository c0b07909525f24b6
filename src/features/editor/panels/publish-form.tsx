'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';
import { WebhookAddressPanel } from '../webhook/webhook-address-panel';
import type { WebhookParams } from '../webhook/webhook-address';

interface PublishFormProps {
  workflowId: string;
  problemCount: number | undefined;
  /** Saves pending edits first: publishing takes the server's draft. */
  flush: () => Promise<void>;
  saveFailed: boolean;
  /** The workflow's Webhook Trigger params, if it has one: its address is shown once published. */
  webhook?: WebhookParams;
}

/** Publishes the draft as a new version; refused here and on the server while it has problems. */
export function PublishForm({
  workflowId,
  problemCount,
  flush,
  saveFailed,
  webhook,
}: PublishFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const publish = useMutation(
    trpc.workflow.publish.mutationOptions({
      onSuccess: async () => {
        setMessage('');
        await Promise.all([
          queryClient.invalidateQueries({
            queryKey: trpc.workflow.get.queryKey({ id: workflowId }),
          }),
          queryClient.invalidateQueries({ queryKey: trpc.workflow.versions.queryKey() }),
        ]);
      },
    }),
  );
  const blocked = problemCount === undefined || problemCount > 0 || saveFailed;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await flush();
    publish.mutate({ id: workflowId, message });
  };
  const reason =
    problemCount === undefined
      ? 'Checking the workflow…'
      : problemCount > 0
        ? `Fix the ${problemCount === 1 ? 'problem' : `${problemCount} problems`} listed under Problems to publish.`
        : saveFailed
          ? 'The draft could not be saved.'
          : undefined;
  return (
    <form onSubmit={submit} aria-label="Publish" className="flex flex-wrap items-end gap-2">
      <TextField
        label="Version message"
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        className="w-56"
      />
      <Button type="submit" disabled={blocked || publish.isPending} aria-describedby="publish-why">
        Publish
      </Button>
      <p id="publish-why" className="w-full text-xs text-slate-500">
        {reason ?? ''}
      </p>
      {publish.error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {publish.error.message}
        </p>
      ) : null}
      {publish.data ? (
        <p role="status" className="w-full text-sm text-emerald-700">
          Published version {publish.data.number}
        </p>
      ) : null}
      {publish.data && webhook ? (
        <div className="w-full rounded-lg border border-slate-200 bg-white p-3">
          <WebhookAddressPanel params={webhook} />
        </div>
      ) : null}
    </form>
  );
}
