'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/trpc/react';

interface DefinitionEditorProps {
  workflowId: string;
  draft: unknown;
  revision: number;
  readOnly: boolean;
}

/** The draft as JSON, with save and publish; the server validates both. */
export function DefinitionEditor({ workflowId, draft, revision, readOnly }: DefinitionEditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [parseError, setParseError] = useState<string>();
  const [message, setMessage] = useState('');
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.workflow.get.queryKey({ id: workflowId }) });
  const save = useMutation(trpc.workflow.saveDraft.mutationOptions({ onSuccess: refresh }));
  const publish = useMutation(
    trpc.workflow.publish.mutationOptions({
      onSuccess: async () => {
        setMessage('');
        await Promise.all([
          refresh(),
          queryClient.invalidateQueries({
            queryKey: trpc.workflow.versions.queryKey({ id: workflowId }),
          }),
        ]);
      },
    }),
  );

  const saveDraft = () => {
    try {
      const definition: unknown = JSON.parse(text);
      setParseError(undefined);
      save.mutate({ id: workflowId, definition, revision });
    } catch (error) {
      setParseError(`Definition: not valid JSON (${(error as Error).message})`);
    }
  };

  const error = parseError ?? save.error?.message;
  return (
    <section aria-labelledby="definition-title" className="space-y-3">
      <h2 id="definition-title" className="text-lg font-semibold">
        Definition
      </h2>
      <label htmlFor="definition" className="sr-only">
        Workflow definition (JSON)
      </label>
      <textarea
        id="definition"
        value={text}
        onChange={(e) => setText(e.target.value)}
        readOnly={readOnly}
        spellCheck={false}
        rows={22}
        className="w-full rounded-md border border-slate-300 p-3 font-mono text-xs"
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {!readOnly ? (
        <div className="flex flex-wrap items-end gap-2">
          <Button onClick={saveDraft} disabled={save.isPending}>
            Save draft
          </Button>
          <span className="text-xs text-slate-500" aria-live="polite">
            {save.isPending ? 'Saving…' : `Revision ${revision}`}
          </span>
          <TextField
            label="Version message"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            className="ml-auto w-64"
          />
          <Button
            variant="secondary"
            onClick={() => publish.mutate({ id: workflowId, message })}
            disabled={publish.isPending}
          >
            Publish
          </Button>
        </div>
      ) : null}
      {publish.error ? (
        <p role="alert" className="text-sm text-red-700">
          {publish.error.message}
        </p>
      ) : null}
      {publish.data ? (
        <p role="status" className="text-sm text-emerald-700">
          Published version {publish.data.number}
        </p>
      ) : null}
    </section>
  );
}
