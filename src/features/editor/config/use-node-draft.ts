'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkflowNode } from '@/engine';

/** How long typing may pause before the edit becomes one undo step. */
export const TYPING_COMMIT_MS = 300;

export type EditMode = 'typing' | 'now';

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
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The callback is kept with the edit: it may target the node by the selection of the time.
  const pending = useRef<{ node: WorkflowNode; report: (node: WorkflowNode) => void } | null>(null);
  const report = useRef(onChange);

  useEffect(() => {
    report.current = onChange;
  }, [onChange]);

  if (seen !== node) {
    setSeen(node);
    if (!same(node, sent) && !same(node, draft)) setDraft(node);
  }

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (next) {
      setSent(next.node);
      next.report(next.node);
    }
  }, []);

  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  // Typing not reported yet belongs to the node it was typed into: report it before moving on.
  useEffect(() => {
    if (pending.current && pending.current.node.id !== node.id) flush();
  }, [node.id, flush]);

  useEffect(() => flush, [flush]);

  const edit = useCallback(
    (change: (node: WorkflowNode) => WorkflowNode, mode: EditMode) => {
      const next = change(latest.current);
      latest.current = next;
      setDraft(next);
      pending.current = { node: next, report: report.current };
      if (mode === 'now') flush();
      else {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, TYPING_COMMIT_MS);
      }
    },
    [flush],
  );

  return { draft, edit, flush };
}
