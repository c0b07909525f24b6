'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkflowNode } from '@/engine';
import { EditBatcher, type EditMode } from './edit-batcher';

/** How long typing may pause before the edit becomes one undo step. */
export const TYPING_COMMIT_MS = 300;

const same = (a: WorkflowNode, b: WorkflowNode) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The node as the form shows it, ahead of the editor's copy while the user types. Typing is
 * reported once per pause (or on blur), discrete edits at once, so each undo step is one
 * meaningful change. A different node from outside (selection, undo) replaces the draft.
 */
export function useNodeDraft(node: WorkflowNode, onChange: (node: WorkflowNode) => void) {
  const [draft, setDraft] = useState(node);
  const [seen, setSeen] = useState(node);
  const [sent, setSent] = useState(node);
  const latest = useRef(draft);
  const [batcher] = useState(() => new EditBatcher<WorkflowNode>(TYPING_COMMIT_MS));
  const report = useRef(onChange);

  useEffect(() => {
    report.current = onChange;
  }, [onChange]);

  if (seen !== node) {
    setSeen(node);
    if (!same(node, sent) && !same(node, draft)) setDraft(node);
  }

  const flush = useCallback(() => {
    batcher.flush();
  }, [batcher]);

  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  // Typing not reported yet belongs to the node it was typed into: report it before moving on.
  useEffect(() => {
    if (batcher.waiting && batcher.waiting.id !== node.id) batcher.flush();
  }, [node.id, batcher]);

  useEffect(() => () => void batcher.flush(), [batcher]);

  const edit = useCallback(
    (change: (node: WorkflowNode) => WorkflowNode, mode: EditMode) => {
      const next = change(latest.current);
      latest.current = next;
      setDraft(next);
      // The callback is kept with the edit: it may target the node selected at the time.
      const onReport = report.current;
      batcher.edit(
        next,
        (value) => {
          setSent(value);
          onReport(value);
        },
        mode,
      );
    },
    [batcher],
  );

  return { draft, edit, flush };
}
