'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { downloadFile } from '@/components/download-file';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';
import { testExport } from '../editor/io/workflow-tests-file';

interface TestFileIoProps {
  workflowId: string;
  workflowName: string;
  /** The stored cases, as the test file format has them. */
  cases: unknown[];
  canEdit: boolean;
  onImported: () => Promise<unknown>;
}

/**
 * The workflow's cases as a test file: exported next to the workflow's own export it runs
 * with `miniflow test`; imported, each case replaces the one of the same name or is added.
 */
export function TestFileIo({
  workflowId,
  workflowName,
  cases,
  canEdit,
  onImported,
}: TestFileIoProps) {
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string>();
  const importFile = useMutation(
    trpc.test.import.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        setText('');
        await onImported();
      },
    }),
  );
  const download = () => {
    const { fileName, text } = testExport(workflowName, cases);
    downloadFile(text, fileName, 'application/json');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParseError(undefined);
    let file: unknown;
    try {
      file = JSON.parse(text) as unknown;
    } catch (err) {
      setParseError(`Not valid JSON: ${(err as Error).message}`);
      return;
    }
    importFile.mutate({ workflowId, file });
  };
  const error = parseError ?? importFile.error?.message;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={download} disabled={cases.length === 0}>
          Export test file
        </Button>
        {canEdit ? (
          <Button variant="secondary" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            Import test file…
          </Button>
        ) : null}
        {importFile.data ? (
          <p role="status" className="text-sm text-emerald-700">
            Imported: {importFile.data.created} added, {importFile.data.updated} replaced
          </p>
        ) : null}
      </div>
      {open ? (
        <form onSubmit={submit} aria-label="Import test file" className="space-y-2">
          <label htmlFor={id} className="block text-sm font-medium text-slate-700">
            Test file (JSON)
          </label>
          <textarea
            id={id}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={8}
            spellCheck={false}
            className="block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <Button type="submit" disabled={importFile.isPending}>
            Import
          </Button>
        </form>
      ) : null}
    </div>
  );
}
