'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';

type Outcome =
  | { id: string; ok: true; status: string; runId?: string }
  | { id: string; ok: false; error: string };

/** Cancel or retry the selected runs; each run's outcome is reported on its own. */
export function BulkActions({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const trpc = useTRPC();
  const [report, setReport] = useState<{ action: string; outcomes: Outcome[] } | null>(null);
  const finish = (action: string) => (data: { outcomes: Outcome[] }) => {
    setReport({ action, outcomes: data.outcomes });
    onDone();
  };
  const cancel = useMutation(trpc.run.bulkCancel.mutationOptions({ onSuccess: finish('Cancel') }));
  const retry = useMutation(trpc.run.bulkRetry.mutationOptions({ onSuccess: finish('Retry') }));
  const pending = cancel.isPending || retry.isPending;
  const failed = report?.outcomes.filter((o) => !o.ok) ?? [];
  const error = cancel.error ?? retry.error;
  return (
    <div className="mb-3 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{selected.length} selected</span>
        <Button
          variant="secondary"
          disabled={selected.length === 0 || pending}
          onClick={() => cancel.mutate({ ids: selected })}
        >
          Cancel selected
        </Button>
        <Button
          variant="secondary"
          disabled={selected.length === 0 || pending}
          onClick={() => retry.mutate({ ids: selected })}
        >
          Retry selected
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {report ? (
        <div role="status" className="rounded-md border border-slate-200 bg-white p-3 text-sm">
          <p>
            {report.action}: {report.outcomes.length - failed.length} of {report.outcomes.length}{' '}
            runs done.
          </p>
          {failed.length ? (
            <ul className="mt-1 list-disc pl-5 text-red-700">
              {failed.map((o) => (
                <li key={o.id}>
                  <span className="font-mono text-xs">{o.id}</span>: {'error' in o ? o.error : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
