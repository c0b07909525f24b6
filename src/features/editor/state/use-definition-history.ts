'use client';

import { useCallback, useRef, useState } from 'react';
import type { WorkflowDefinition } from '@/engine';
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  redo,
  undo,
  type History,
} from '../model/history';

export type EditFn = (update: WorkflowDefinition, coalesceKey?: string) => void;

/**
 * The draft being edited with its undo stack. The ref always holds the newest history so
 * several edits in one event build on each other.
 */
export function useDefinitionHistory(initial: WorkflowDefinition) {
  const [history, setHistory] = useState(() => createHistory(initial));
  const ref = useRef<History<WorkflowDefinition>>(history);
  const apply = useCallback((next: History<WorkflowDefinition>) => {
    ref.current = next;
    setHistory(next);
  }, []);
  const edit = useCallback<EditFn>(
    (next, coalesceKey) => apply(commit(ref.current, next, { coalesceKey, now: Date.now() })),
    [apply],
  );
  const current = useCallback(() => ref.current.present, []);
  return {
    definition: history.present,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    current,
    edit,
    undo: useCallback(() => apply(undo(ref.current)), [apply]),
    redo: useCallback(() => apply(redo(ref.current)), [apply]),
    /** Starts over from `definition` with an empty undo stack (e.g. after a reload). */
    reset: useCallback(
      (definition: WorkflowDefinition) => apply(createHistory(definition)),
      [apply],
    ),
  };
}
