'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type JSX } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { WorkflowDefinition } from '@/engine';
import { useTRPC } from '@/trpc/react';
import { diffDefinitions } from './diff-definitions';
import { VersionDiffView } from './version-diff-view';
import { VersionTestResultsLine } from '../../tests/version-test-results';

export interface VersionHistoryProps {
  workflowId: string;
  canEdit: boolean;
  onOpenVersion: (v: { number: number; definition: WorkflowDefinition }) => void;
  onRestore: (definition: WorkflowDefinition) => void;
}

/** Published versions: open one read-only, compare two, or restore one as the draft. */
export function VersionHistory(props: VersionHistoryProps): JSX.Element {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.workflow.versions.queryOptions({ id: props.workflowId }));
  const [restoring, setRestoring] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (number: number) => {
    setBusy(true);
    setError(null);
    try {
      return await queryClient.fetchQuery(
        trpc.workflow.version.queryOptions({ workflowId: props.workflowId, number }),
      );
    } catch (err) {
      setError((err as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const open = async (number: number) => {
    const version = await load(number);
    if (version) props.onOpenVersion({ number, definition: version.definition });
  };

  const restore = async () => {
    if (restoring === null) return;
    const version = await load(restoring);
    setRestoring(null);
    if (version) props.onRestore(version.definition);
  };

  if (versions.isPending) return <p className="p-3 text-sm text-slate-500">Loading versions…</p>;
  if (versions.isError) {
    return (
      <p role="alert" className="p-3 text-sm text-red-700">
        {versions.error.message}
      </p>
    );
  }
  const list = versions.data;
  return (
    <section aria-labelledby="version-history-title" className="space-y-3 p-3">
      <h2 id="version-history-title" className="text-base font-semibold">
        Version history
      </h2>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">
          Not published yet. Publishing saves the draft as version 1.
        </p>
      ) : (
        <ol aria-label="Versions" className="divide-y divide-slate-200 text-sm">
          {list.map((v) => (
            <li key={v.id} className="space-y-1 py-2">
              <div className="flex flex-wrap items-baseline gap-2">
                <span className="font-semibold">v{v.number}</span>
                {v.published ? (
                  <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-800">
                    published
                  </span>
                ) : null}
                <span className="text-xs text-slate-500">
                  {v.author ? (v.author.name ?? v.author.email) : 'unknown author'} ·{' '}
                  <time dateTime={v.createdAt.toISOString()}>{v.createdAt.toLocaleString()}</time>
                </span>
              </div>
              <p className="text-slate-700">
                {v.message || <em className="text-slate-400">No message</em>}
              </p>
              <VersionTestResultsLine results={v.testResults} />
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  aria-label={`Open version ${v.number}`}
                  disabled={busy}
                  onClick={() => void open(v.number)}
                >
                  Open
                </Button>
                {props.canEdit ? (
                  <Button
                    variant="secondary"
                    aria-label={`Restore version ${v.number} as draft`}
                    disabled={busy}
                    onClick={() => setRestoring(v.number)}
                  >
                    Restore as draft
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {list.length >= 2 ? (
        <CompareVersions workflowId={props.workflowId} numbers={list.map((v) => v.number)} />
      ) : null}
      <ConfirmDialog
        open={restoring !== null}
        title={`Restore version ${restoring ?? ''} as the draft?`}
        confirmLabel="Restore"
        pending={busy}
        onConfirm={() => void restore()}
        onCancel={() => setRestoring(null)}
      >
        The draft is replaced by this version. Undo brings the current draft back.
      </ConfirmDialog>
    </section>
  );
}

/** Two version pickers (older, newer) and the diff between them. */
function CompareVersions({ workflowId, numbers }: { workflowId: string; numbers: number[] }) {
  const trpc = useTRPC();
  const id = useId();
  const [from, setFrom] = useState(numbers[1]!);
  const [to, setTo] = useState(numbers[0]!);
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const before = useQuery({
    ...trpc.workflow.version.queryOptions({ workflowId, number: shown?.from ?? 0 }),
    enabled: shown !== null,
  });
  const after = useQuery({
    ...trpc.workflow.version.queryOptions({ workflowId, number: shown?.to ?? 0 }),
    enabled: shown !== null,
  });
  const picker = (label: string, value: number, set: (n: number) => void) => (
    <label className="flex items-center gap-1 text-sm">
      {label}
      <select
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        value={value}
        onChange={(e) => set(Number(e.target.value))}
      >
        {numbers.map((n) => (
          <option key={n} value={n}>
            v{n}
          </option>
        ))}
      </select>
    </label>
  );
  const failure = before.error ?? after.error;
  return (
    <div aria-labelledby={`${id}-title`} role="group" className="space-y-2 border-t pt-3">
      <h3 id={`${id}-title`} className="text-sm font-semibold">
        Compare versions
      </h3>
      <div className="flex flex-wrap items-center gap-2">
        {picker('From', from, setFrom)}
        {picker('to', to, setTo)}
        <Button variant="secondary" onClick={() => setShown({ from, to })}>
          Compare
        </Button>
      </div>
      {failure ? (
        <p role="alert" className="text-sm text-red-700">
          {failure.message}
        </p>
      ) : shown && (before.isPending || after.isPending) ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : shown && before.data && after.data ? (
        <VersionDiffView
          title={`Changes from v${shown.from} to v${shown.to}`}
          diff={diffDefinitions(before.data.definition, after.data.definition)}
        />
      ) : null}
    </div>
  );
}
