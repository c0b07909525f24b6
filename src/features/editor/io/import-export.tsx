'use client';

import { useEffect, useId, useMemo, useRef, useState, type JSX } from 'react';
import { Button } from '@/components/ui/button';
import type { WorkflowDefinition } from '@/engine';
import { exportFileName, exportText, formatIssue, readDefinition } from './read-definition';

export interface ImportExportProps {
  definition: WorkflowDefinition;
  readOnly: boolean;
  onImport: (definition: WorkflowDefinition) => void;
}

function download(definition: WorkflowDefinition) {
  const blob = new Blob([exportText(definition)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = exportFileName(definition.name);
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Export the definition as a JSON file; import one from a file or pasted JSON/YAML. */
export function ImportExport(props: ImportExportProps): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => download(props.definition)}>
        Export
      </Button>
      {props.readOnly ? null : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Import…
        </Button>
      )}
      <ImportDialog
        open={open}
        onClose={() => setOpen(false)}
        onImport={(definition) => {
          setOpen(false);
          props.onImport(definition);
        }}
      />
    </div>
  );
}

function ImportDialog(props: {
  open: boolean;
  onClose: () => void;
  onImport: (definition: WorkflowDefinition) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const result = useMemo(() => (text.trim() === '' ? null : readDefinition(text)), [text]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  const change = (next: string) => {
    setText(next);
    setAttempted(false);
  };

  const confirm = () => {
    const read = result ?? readDefinition(text);
    setAttempted(true);
    if (read.ok) {
      props.onImport(read.definition);
      change('');
    }
  };

  // Pasted text is checked as it changes; an empty box is reported only on Import.
  const failed = result && !result.ok ? result : attempted && !result ? readDefinition(text) : null;
  const errors = failed && !failed.ok ? failed.errors : null;

  const errorsId = `${id}-errors`;
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      className="m-auto w-full max-w-2xl rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Import a workflow definition
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The imported definition replaces the draft; undo brings the current one back.
      </p>
      <div className="mt-4 space-y-3">
        <div>
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
            Upload a file (.json, .yaml)
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            className="mt-1 block text-sm"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(change);
            }}
          />
        </div>
        <div>
          <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-700">
            Definition (JSON or YAML)
          </label>
          <textarea
            id={`${id}-text`}
            rows={14}
            spellCheck={false}
            value={text}
            onChange={(e) => change(e.target.value)}
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? errorsId : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
        </div>
        {errors ? (
          <div id={errorsId} role="alert" className="text-sm text-red-800">
            <p className="font-medium">The definition cannot be imported:</p>
            <IssueList issues={errors.map(formatIssue)} />
          </div>
        ) : null}
        {result?.ok && result.warnings.length > 0 ? (
          <div className="text-sm text-amber-800">
            <p className="font-medium">
              It can be imported, but these problems must be fixed before publishing:
            </p>
            <IssueList issues={result.warnings.map(formatIssue)} />
          </div>
        ) : null}
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" onClick={props.onClose}>
          Cancel
        </Button>
        <Button onClick={confirm}>Import</Button>
      </div>
    </dialog>
  );
}

const SHOWN_ISSUES = 50;

function IssueList({ issues }: { issues: string[] }) {
  return (
    <>
      <ul className="ml-4 list-disc font-mono text-xs">
        {issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
          <li key={i}>{issue}</li>
        ))}
      </ul>
      {issues.length > SHOWN_ISSUES ? <p>and {issues.length - SHOWN_ISSUES} more</p> : null}
    </>
  );
}
