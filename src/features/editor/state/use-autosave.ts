'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkflowDefinition } from '@/engine';
import { useTRPC } from '@/trpc/react';

export const AUTOSAVE_DELAY_MS = 800;

export type SaveState =
  { status: 'saved' | 'pending' | 'saving' } | { status: 'error' | 'conflict'; message: string };

interface AutosaveOptions {
  workflowId: string;
  definition: WorkflowDefinition;
  /** The draft and revision the editor was loaded with. */
  base: { definition: WorkflowDefinition; revision: number };
  enabled: boolean;
}

/**
 * Saves the draft a moment after edits stop, one request at a time, each with the revision
 * it was based on: if someone else saved in between, the server refuses and the editor says
 * so instead of overwriting their work.
 */
export function useAutosave({ workflowId, definition, base, enabled }: AutosaveOptions) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.workflow.saveDraft.mutationOptions());
  const [state, setState] = useState<SaveState>({ status: 'saved' });
  const latest = useRef(definition);
  const saved = useRef(base.definition);
  const revision = useRef(base.revision);
  const inFlight = useRef<Promise<void> | null>(null);
  const blocked = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const { mutateAsync } = save;
  /** Saves until the server has the newest draft; a second call joins the running one. */
  const saveNow = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) return inFlight.current;
    const run = (async () => {
      while (!blocked.current && latest.current !== saved.current) {
        const sending = latest.current;
        setState({ status: 'saving' });
        try {
          const result = await mutateAsync({
            id: workflowId,
            definition: sending,
            revision: revision.current,
          });
          revision.current = result.revision;
          saved.current = sending;
          // The page keeps the workflow it loaded; coming back to it within the app must
          // open this draft, not the one the page first read.
          queryClient.setQueryData(trpc.workflow.get.queryKey({ id: workflowId }), (cached) =>
            cached
              ? { ...cached, draft: sending as typeof cached.draft, draftRevision: result.revision }
              : cached,
          );
        } catch (caught) {
          const error = caught as { message: string; data?: { code?: string } | null };
          if (error.data?.code === 'CONFLICT') {
            blocked.current = true;
            setState({ status: 'conflict', message: error.message });
          } else {
            setState({ status: 'error', message: error.message });
          }
          return;
        }
      }
      if (!blocked.current) setState({ status: 'saved' });
    })().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    return run;
  }, [mutateAsync, workflowId, queryClient, trpc]);

  useEffect(() => {
    latest.current = definition;
    if (!enabled || blocked.current) return;
    if (definition === saved.current) {
      if (!inFlight.current) setState({ status: 'saved' });
      return;
    }
    setState((s) => (s.status === 'saving' ? s : { status: 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [definition, enabled, saveNow]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const dirty = state.status !== 'saved';
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Starts again from a draft just read from the server (after a conflict or a rename). */
  const rebase = useCallback((draft: WorkflowDefinition, draftRevision: number) => {
    clearTimeout(timer.current);
    blocked.current = false;
    saved.current = draft;
    latest.current = draft;
    revision.current = draftRevision;
    setState({ status: 'saved' });
  }, []);

  return { state, flush: saveNow, rebase };
}
