'use client';

import type { NodeView } from '@/engine';
import { formatDuration } from './format-duration';
import { StatusBadge } from './status-badge';

/** Every step of the run with where it stands; a step's name opens its details. */
export function StepsTable({
  nodes,
  onSelect,
}: {
  nodes: readonly NodeView[];
  onSelect: (nodeId: string) => void;
}) {
  return (
    <table
      aria-label="Steps"
      className="w-full table-fixed rounded-lg border border-slate-200 bg-white text-sm"
    >
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="w-48 px-4 py-2 font-medium">Step</th>
          <th className="w-28 px-4 py-2 font-medium">Status</th>
          <th className="w-24 px-4 py-2 font-medium">Attempts</th>
          <th className="w-28 px-4 py-2 font-medium">Duration</th>
          <th className="px-4 py-2 font-medium">Output or error</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {nodes.map((node) => {
          const last = node.history.at(-1);
          return (
            <tr key={node.id} data-step={node.id}>
              <td className="truncate px-4 py-2 font-mono text-xs">
                <button
                  type="button"
                  className="text-brand-700 hover:underline"
                  onClick={() => onSelect(node.id)}
                >
                  {node.id}
                </button>
              </td>
              <td className="px-4 py-2">
                <StatusBadge status={node.status} />
              </td>
              <td className="px-4 py-2">{node.attempts}</td>
              <td className="px-4 py-2">
                {node.durationMs === undefined ? '—' : formatDuration(node.durationMs)}
              </td>
              <td className="truncate px-4 py-2 font-mono text-xs">
                {last?.error
                  ? last.error.message
                  : last && 'output' in last
                    ? JSON.stringify(last.output)
                    : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
