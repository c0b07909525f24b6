'use client';

import { useEffect, useRef } from 'react';

export interface ShortcutActions {
  undo(): void;
  redo(): void;
  duplicate(): void;
  /** The selection as clipboard text, or null when nothing is selected. */
  copy(): string | null;
  cut(): string | null;
  /** Returns whether the text was a workflow fragment (and so was pasted). */
  paste(text: string): boolean;
}

const EDITABLE = 'input, textarea, select, [contenteditable="true"], .cm-editor';

function inEditable(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(EDITABLE) !== null;
}

/**
 * Undo/redo/duplicate keys and the system clipboard's copy, cut and paste events, so a copy
 * pastes into another workflow or tab. Fields keep their own keys and clipboard.
 */
export function useEditorShortcuts(enabled: boolean, actions: ShortcutActions) {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  }, [actions]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (inEditable(e.target) || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) latest.current.undo();
      else if ((key === 'z' && e.shiftKey) || (key === 'y' && e.ctrlKey)) latest.current.redo();
      else if (key === 'd') latest.current.duplicate();
      else return;
      e.preventDefault();
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (inEditable(e.target) || hasTextSelection()) return;
      const text = cut ? latest.current.cut() : latest.current.copy();
      if (text === null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (e: ClipboardEvent) => {
      if (inEditable(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (latest.current.paste(text)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [enabled]);
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}
