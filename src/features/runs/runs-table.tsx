'use client';

import Link from 'next/link';
import type { RunListItem } from '@/server/services/runs/list-runs';
import { useWorkspace } from '../shell/workspace-context';
import { StatusBadge } from './status-badge';
import { formatDuration } from './format-duration';

interface Selection {
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[], on: boolean) => void;
}

/** Runs as rows, optionally selectable for bulk actions. */
export function RunsTable({ runs, selection }: { runs: RunListItem[]; selection?: Selection }) {
  const { slug } = useWorkspace();
  const ids = runs.map((r) => r.id);
  const allOn =
    selection !== undefined && ids.length > 0 && ids.every((id) => selection.selected.has(id));
  return (
    <table
      aria-label="Runs"
      className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
    >
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          {selection ? (
            <th className="w-8 px-3 py-2">
              <input
                type="checkbox"
                aria-label="Select all runs on this page"
                checked={allOn}
                onChange={(e) => selection.onToggleAll(ids, e.target.checked)}
              />
            </th>
          ) : null}
          <th className="px-4 py-2 font-medium">Run</th>
          <th className="px-4 py-2 font-medium">Workflow</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Trigger</th>
          <th className="px-4 py-2 font-medium">Created</th>
          <th className="px-4 py-2 font-medium">Duration</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {runs.map((run) => (
          <tr key={run.id} data-run-id={run.id}>
            {selection ? (
              <td className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={`Select run ${run.id}`}
                  checked={selection.selected.has(run.id)}
                  onChange={() => selection.onToggle(run.id)}
                />
              </td>
            ) : null}
            <td className="px-4 py-2 font-mono text-xs">
              <Link href={`/w/${slug}/runs/${run.id}`} className="text-brand-700 hover:underline">
                {run.id}
              </Link>
            </td>
            <td className="px-4 py-2">{run.workflowName}</td>
            <td className="px-4 py-2">
              <StatusBadge status={run.status} />
            </td>
            <td className="px-4 py-2">{run.trigger}</td>
            <td className="px-4 py-2">{run.createdAt.toLocaleString()}</td>
            <td className="px-4 py-2">
              {run.startedAt && run.finishedAt
                ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime())
                : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
