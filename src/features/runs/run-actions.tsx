'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { isRunFinal } from '@/engine';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';

/** What an operator can do with a run: cancel it, retry it, or run it again with new input. */
export function RunActions({ run }: { run: { id: string; status: string; input: unknown } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { slug } = useWorkspace();
  const inputId = useId();
  const [latestVersion, setLatestVersion] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(() => JSON.stringify(run.input, null, 2));
  const [draftError, setDraftError] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.run.get.queryKey({ id: run.id }) });
  const cancel = useMutation(trpc.run.cancel.mutationOptions({ onSettled: refresh }));
  const retry = useMutation(
    trpc.run.retry.mutationOptions({
      onSuccess: ({ runId }) => router.push(`/w/${slug}/runs/${runId}`),
    }),
  );
  const finished = isRunFinal(run.status);
  const error = cancel.error ?? retry.error;

  const runEdited = () => {
    let input: unknown;
    try {
      input = JSON.parse(draft);
    } catch {
      setDraftError('Input is not valid JSON');
      return;
    }
    setDraftError(null);
    retry.mutate({ id: run.id, latestVersion, input });
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {!finished ? (
          <Button
            variant="danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ id: run.id })}
          >
            Cancel run
          </Button>
        ) : (
          <>
            <Button
              variant="secondary"
              disabled={retry.isPending}
              onClick={() => retry.mutate({ id: run.id, latestVersion })}
            >
              Retry
            </Button>
            {run.status === 'failed' ? (
              <Button
                variant="secondary"
                disabled={retry.isPending}
                onClick={() => retry.mutate({ id: run.id, latestVersion, fromFailedStep: true })}
              >
                Retry from failed step
              </Button>
            ) : null}
            <Button variant="ghost" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
              Run again with edited input
            </Button>
            <label className="flex items-center gap-1 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={latestVersion}
                onChange={(e) => setLatestVersion(e.target.checked)}
              />
              on the latest version
            </label>
          </>
        )}
      </div>
      {editing && finished ? (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            Input for the new run (JSON)
          </label>
          <textarea
            id={inputId}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={6}
            className="block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
          {draftError ? (
            <p role="alert" className="text-sm text-red-700">
              {draftError}
            </p>
          ) : null}
          <Button disabled={retry.isPending} onClick={runEdited}>
            Run with this input
          </Button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
