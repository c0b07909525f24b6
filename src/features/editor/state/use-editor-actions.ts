'use client';

import { useCallback, useMemo, type RefObject } from 'react';
import type { StepTypeDescription, WorkflowDefinition, WorkflowNode } from '@/engine';
import { layoutPositions } from '../canvas/auto-layout';
import type { CanvasHandle } from '../canvas/workflow-canvas';
import {
  copySelection,
  parseClipboard,
  pasteFragment,
  serializeClipboard,
} from '../model/clipboard';
import { addNode, moveNodes, removeElements, updateNode } from '../model/edit-ops';
import { replaceTrigger } from '../model/replace-trigger';
import type { EditFn } from './use-definition-history';
import type { ShortcutActions } from './use-editor-shortcuts';

interface EditorActionsOptions {
  canvas: RefObject<CanvasHandle | null>;
  current: () => WorkflowDefinition;
  edit: EditFn;
  undo: () => void;
  redo: () => void;
  readOnly: boolean;
  /** Whether a step type id is a trigger's. */
  isTrigger: (type: string) => boolean;
}

/** The editor's commands, shared by the toolbar, the palette and the keyboard. */
export function useEditorActions({
  canvas,
  current,
  edit,
  undo,
  redo,
  readOnly,
  isTrigger,
}: EditorActionsOptions) {
  const selection = useCallback(
    () => canvas.current?.selection() ?? { nodeIds: [], edgeKeys: [] },
    [canvas],
  );

  const add = useCallback(
    (type: StepTypeDescription) => {
      if (readOnly) return;
      const center = canvas.current?.center() ?? { x: 0, y: 0 };
      const added = addNode(current(), type, { x: center.x - 104, y: center.y - 40 });
      edit(added.definition);
      canvas.current?.select([added.node.id]);
    },
    [canvas, current, edit, readOnly],
  );

  const remove = useCallback(() => {
    if (readOnly) return;
    const { nodeIds, edgeKeys } = selection();
    edit(removeElements(current(), new Set(nodeIds), new Set(edgeKeys)));
  }, [current, edit, readOnly, selection]);

  const paste = useCallback(
    (text: string) => {
      const fragment = parseClipboard(text);
      if (!fragment || readOnly) return false;
      const pasted = pasteFragment(current(), fragment);
      edit(pasted.definition);
      canvas.current?.select(pasted.pastedIds);
      return true;
    },
    [canvas, current, edit, readOnly],
  );

  const copy = useCallback(() => {
    const { nodeIds } = selection();
    if (nodeIds.length === 0) return null;
    return serializeClipboard(copySelection(current(), new Set(nodeIds)));
  }, [current, selection]);

  const duplicate = useCallback(() => {
    const text = copy();
    if (text !== null) paste(text);
  }, [copy, paste]);

  const cut = useCallback(() => {
    if (readOnly) return null;
    const text = copy();
    if (text !== null) remove();
    return text;
  }, [copy, readOnly, remove]);

  const autoLayout = useCallback(async () => {
    if (readOnly) return;
    const definition = current();
    const positions = await layoutPositions(definition, canvas.current?.sizes() ?? new Map());
    edit(moveNodes(current(), positions));
    canvas.current?.fitView();
  }, [canvas, current, edit, readOnly]);

  const changeNode = useCallback(
    (id: string, next: WorkflowNode) => {
      if (readOnly) return;
      edit(updateNode(current(), id, next), `config:${id}`);
      if (next.id !== id) canvas.current?.select([next.id]);
    },
    [canvas, current, edit, readOnly],
  );

  const replace = useCallback(
    (definition: WorkflowDefinition) => {
      if (readOnly) return;
      edit(definition);
      canvas.current?.fitView();
    },
    [canvas, edit, readOnly],
  );

  const keepTrigger = useCallback(
    (id: string) => {
      if (readOnly) return;
      edit(replaceTrigger(current(), id, isTrigger));
      canvas.current?.select([id]);
    },
    [canvas, current, edit, isTrigger, readOnly],
  );

  const shortcuts = useMemo<ShortcutActions>(
    () => ({
      undo: () => !readOnly && undo(),
      redo: () => !readOnly && redo(),
      duplicate: () => !readOnly && duplicate(),
      copy,
      cut,
      paste,
    }),
    [copy, cut, duplicate, paste, readOnly, redo, undo],
  );

  return { add, remove, duplicate, autoLayout, changeNode, replace, keepTrigger, shortcuts };
}
