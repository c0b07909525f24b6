'use client';

import { useEffect, useId, useMemo, useRef, useState, type JSX } from 'react';
import { Button } from '@/components/ui/button';
import type { TestFile, WorkflowDefinition } from '@/engine';
import { exportFileName, exportText, formatIssue, readDefinition } from './read-definition';
import {
  isTestFileName,
  readTestFile,
  testExport,
  testFileName,
  type ReadTestFileResult,
} from './workflow-tests-file';
import { ExportMenu, type ExportFile } from './export-menu';

/** The workflow's test cases, which travel with its export and import. */
export interface WorkflowTestsIo {
  /** The stored cases in the test file format; undefined while loading. */
  cases: readonly unknown[] | undefined;
  /** True until the cases have loaded: exporting then would silently leave them out. */
  loading: boolean;
  onImport: (file: TestFile) => void;
  /** How the last import of cases went. */
  outcome?: { ok: boolean; message: string };
}

export interface ImportExportProps {
  definition: WorkflowDefinition;
  readOnly: boolean;
  onImport: (definition: WorkflowDefinition) => void;
  tests?: WorkflowTestsIo;
}

/**
 * Export the definition as a JSON file, and its test cases as `<name>.test.json` beside it;
 * import one from a file or pasted JSON/YAML, with a test file chosen alongside.
 */
export function ImportExport(props: ImportExportProps): JSX.Element {
  const [open, setOpen] = useState(false);
  const cases = props.tests?.cases ?? [];
  const files: ExportFile[] = [
    {
      label: 'Workflow',
      fileName: exportFileName(props.definition.name),
      content: () => exportText(props.definition),
    },
  ];
  if (cases.length > 0) {
    files.push({
      label: `Tests (${cases.length} ${cases.length === 1 ? 'case' : 'cases'})`,
      fileName: testFileName(props.definition.name),
      content: () => testExport(props.definition.name, cases).text,
    });
  }
  const outcome = props.tests?.outcome;
  return (
    <div className="flex items-center gap-2">
      <ExportMenu files={files} disabled={props.tests?.loading === true} />
      {props.readOnly ? null : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Import…
        </Button>
      )}
      {outcome ? (
        <span
          role={outcome.ok ? 'status' : 'alert'}
          className={`text-xs ${outcome.ok ? 'text-emerald-700' : 'text-red-700'}`}
        >
          {outcome.message}
        </span>
      ) : null}
      <ImportDialog
        open={open}
        withTests={Boolean(props.tests)}
        onClose={() => setOpen(false)}
        onImport={(definition, tests) => {
          setOpen(false);
          props.onImport(definition);
          if (tests) props.tests?.onImport(tests);
        }}
      />
    </div>
  );
}

function ImportDialog(props: {
  open: boolean;
  withTests: boolean;
  onClose: () => void;
  onImport: (definition: WorkflowDefinition, tests?: TestFile) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState('');
  const [tests, setTests] = useState<{ name: string; read: ReadTestFileResult } | null>(null);
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

  const choose = async (files: File[]) => {
    setTests(null);
    for (const file of files) {
      const content = await file.text();
      if (props.withTests && isTestFileName(file.name)) {
        setTests({ name: file.name, read: readTestFile(content, file.name) });
      } else {
        change(content);
      }
    }
  };

  const confirm = () => {
    const read = result ?? readDefinition(text);
    setAttempted(true);
    if (tests && !tests.read.ok) return;
    if (read.ok) {
      props.onImport(read.definition, tests?.read.ok ? tests.read.file : undefined);
      change('');
      setTests(null);
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
            {props.withTests
              ? 'Upload a file (.json, .yaml), with its .test.json to import its tests'
              : 'Upload a file (.json, .yaml)'}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            multiple={props.withTests}
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            className="mt-1 block text-sm"
            onChange={(e) => void choose([...(e.target.files ?? [])])}
          />
        </div>
        {tests?.read.ok ? (
          <p className="text-sm text-slate-700">
            Also imports {tests.read.file.cases.length} test{' '}
            {tests.read.file.cases.length === 1 ? 'case' : 'cases'} from {tests.name}: each replaces
            the workflow&apos;s case of the same name or is added.
          </p>
        ) : null}
        {tests && !tests.read.ok ? (
          <div role="alert" className="text-sm text-red-800">
            <p className="font-medium">The test file {tests.name} cannot be imported:</p>
            <IssueList issues={tests.read.errors.map(formatIssue)} />
          </div>
        ) : null}
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
