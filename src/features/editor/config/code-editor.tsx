'use client';

import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Annotation, Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';
import {
  completePath,
  insideTemplateExpression,
  type ExpressionScope,
} from './expression-completions';
import { jsonataLanguage, jsonataTemplateLanguage } from './jsonata-language';
import { readableHighlightStyle } from './readable-highlight';

export type CodeMode = 'javascript' | 'jsonata' | 'template';

interface CodeEditorProps {
  value: string;
  mode: CodeMode;
  /** Accessible name of the editable area (a contenteditable cannot use <label for>). */
  label: string;
  readOnly: boolean;
  invalid?: boolean;
  describedBy?: string;
  scope: ExpressionScope;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** Marks changes that came from props, so they are not reported back as user edits. */
const fromProps = Annotation.define<boolean>();

function languageFor(mode: CodeMode): Extension {
  if (mode === 'javascript') return [javascript(), lineNumbers(), highlightActiveLine()];
  return mode === 'template' ? jsonataTemplateLanguage : jsonataLanguage;
}

/**
 * CodeMirror 6 for code and expression params: JavaScript or JSONata highlighting, and
 * completion of `input`, `vars`, `steps.<id>` and field names from the latest run.
 */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  const editable = useRef(new Compartment());
  const attributes = useRef(new Compartment());

  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const complete = (context: CompletionContext): CompletionResult | null => {
      const { mode, scope } = latest.current;
      const before = context.state.sliceDoc(0, context.pos);
      if (mode === 'template' && !insideTemplateExpression(before)) return null;
      const result = completePath(before, context.pos, scope);
      if (!result || result.options.length === 0) return null;
      const typedNothing = result.from === context.pos && !before.endsWith('.');
      if (typedNothing && !context.explicit) return null;
      return { from: result.from, options: result.options, validFor: /^[\w$]*$/ };
    };
    const { mode } = latest.current;
    const state = EditorState.create({
      doc: latest.current.value,
      extensions: [
        languageFor(mode),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        indentOnInput(),
        syntaxHighlighting(readableHighlightStyle, { fallback: true }),
        autocompletion({ override: [complete], activateOnTyping: true }),
        // No history keymap: Ctrl/Cmd+Z belongs to the designer's undo, which covers typing.
        // Tab is left to focus navigation, so the field is no keyboard trap.
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap]),
        editable.current.of(editableExtensions(latest.current.readOnly)),
        attributes.current.of(contentAttributes(latest.current)),
        EditorView.lineWrapping,
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          if (update.transactions.every((tr) => tr.annotation(fromProps))) return;
          latest.current.onChange(update.state.doc.toString());
        }),
        EditorView.domEventHandlers({
          blur: () => {
            latest.current.onBlur();
          },
        }),
      ],
    });
    const created = new EditorView({ state, parent: host.current! });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [props.mode]);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === props.value) return;
    current.dispatch({
      changes: { from: 0, to: current.state.doc.length, insert: props.value },
      annotations: fromProps.of(true),
    });
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        editable.current.reconfigure(editableExtensions(props.readOnly)),
        attributes.current.reconfigure(
          contentAttributes({
            label: props.label,
            invalid: props.invalid,
            describedBy: props.describedBy,
          }),
        ),
      ],
    });
  }, [props.readOnly, props.label, props.invalid, props.describedBy]);

  return (
    <div
      ref={host}
      className={`mt-1 overflow-hidden rounded-md border text-sm ${
        props.invalid ? 'border-red-500' : 'border-slate-300'
      } ${props.readOnly ? 'bg-slate-50' : 'bg-white'} ${
        props.mode === 'javascript' ? 'min-h-32' : ''
      }`}
    />
  );
}

function editableExtensions(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

function contentAttributes(props: Pick<CodeEditorProps, 'label' | 'invalid' | 'describedBy'>) {
  return EditorView.contentAttributes.of({
    'aria-label': props.label,
    ...(props.invalid ? { 'aria-invalid': 'true' } : {}),
    ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
  });
}
