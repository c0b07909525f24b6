'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { downloadFile } from '@/components/download-file';
import { Button } from '@/components/ui/button';
import type { Flag } from '@/engine/flags';
import { useTRPC } from '@/trpc/react';
import { allFlagsFile, parseFlagFile, type FlagFileResult } from './flag-files';

/** A flag file (`flags.json`, `<key>.json`) handed to the browser as a download. */
export function downloadFlagFile({ name, text }: { name: string; text: string }) {
  downloadFile(text, name, 'application/json');
}

/**
 * Flags as files kept in git: export every flag as one file, import a file of one flag or
 * many. A file is checked whole before anything is saved, and each problem names its path.
 */
export function FlagFilesPanel({ flags, canEdit }: { flags: readonly Flag[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { title: useId(), file: useId() };
  const [chosen, setChosen] = useState<{ name: string; result: FlagFileResult } | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const put = useMutation(trpc.flag.put.mutationOptions());
  const importAll = useMutation({
    mutationFn: async (toImport: Flag[]) => {
      // One by one: each is audited and announced on its own, as an edit in the UI would be.
      for (const flag of toImport) await put.mutateAsync(flag);
      return toImport.length;
    },
    onSuccess: async (count) => {
      setImported(count);
      setChosen(null);
      await queryClient.invalidateQueries({ queryKey: trpc.flag.pathKey() });
    },
  });
  const valid = chosen && 'flags' in chosen.result ? chosen.result.flags : undefined;
  return (
    <section
      aria-labelledby={ids.title}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={ids.title} className="text-lg font-semibold">
        Flag files
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        <Button
          variant="secondary"
          disabled={flags.length === 0}
          onClick={() => downloadFlagFile(allFlagsFile(flags))}
        >
          Export all flags
        </Button>
        {canEdit ? (
          <div>
            <label htmlFor={ids.file} className="block text-sm font-medium text-slate-700">
              Import a flag file (.json: one flag or an array)
            </label>
            <input
              id={ids.file}
              type="file"
              accept=".json,application/json"
              className="mt-1 block text-sm"
              onChange={(e) => {
                const file = e.target.files?.[0];
                setImported(null);
                importAll.reset();
                if (!file) return setChosen(null);
                void file
                  .text()
                  .then((text) => setChosen({ name: file.name, result: parseFlagFile(text) }));
              }}
            />
          </div>
        ) : null}
      </div>
      {chosen && 'errors' in chosen.result ? (
        <div role="alert" className="text-sm text-red-800">
          <p className="font-medium">{chosen.name} cannot be imported:</p>
          <ul aria-label={`Problems in ${chosen.name}`} className="list-disc pl-5">
            {chosen.result.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {valid ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            {chosen!.name}: {valid.map((f) => f.key).join(', ')}. Each replaces the flag of the same
            key or is added.
          </span>
          <Button disabled={importAll.isPending} onClick={() => importAll.mutate(valid)}>
            Import {valid.length} {valid.length === 1 ? 'flag' : 'flags'}
          </Button>
        </div>
      ) : null}
      {importAll.error ? (
        <p role="alert" className="text-sm text-red-700">
          {importAll.error.message}
        </p>
      ) : null}
      {imported !== null ? (
        <p role="status" className="text-sm text-green-800">
          Imported {imported} {imported === 1 ? 'flag' : 'flags'}.
        </p>
      ) : null}
    </section>
  );
}
