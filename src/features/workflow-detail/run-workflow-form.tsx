'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';

export function RunWorkflowForm({
  workflowId,
  published,
}: {
  workflowId: string;
  published: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { slug } = useWorkspace();
  const [input, setInput] = useState('{}');
  const [parseError, setParseError] = useState<string>();
  const start = useMutation(
    trpc.run.start.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.run.list.queryKey() }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const value: unknown = JSON.parse(input || '{}');
      setParseError(undefined);
      start.mutate({ workflowId, input: value });
    } catch (error) {
      setParseError(`Run input: not valid JSON (${(error as Error).message})`);
    }
  };
  const error = parseError ?? start.error?.message;
  return (
    <form onSubmit={submit} aria-label="Run workflow" className="space-y-2">
      <h2 className="text-lg font-semibold">Run</h2>
      <label htmlFor="run-input" className="block text-sm font-medium text-slate-700">
        Run input (JSON)
      </label>
      <textarea
        id="run-input"
        value={input}
        onChange={(e) => setInput(e.target.value)}
        rows={4}
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
      />
      <Button type="submit" disabled={start.isPending || !published}>
        Run workflow
      </Button>
      {!published ? (
        <p className="text-xs text-slate-500">Publish the workflow to run it.</p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {start.data ? (
        <p role="status" className="text-sm">
          Started{' '}
          <Link
            href={`/w/${slug}/runs/${start.data.runId}`}
            className="text-brand-700 hover:underline"
          >
            run {start.data.runId}
          </Link>{' '}
          ({start.data.status})
        </p>
      ) : null}
    </form>
  );
}
