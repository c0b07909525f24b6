'use client';

import { StatusBadge } from './status-badge';

interface StepRow {
  nodeId: string;
  attempt: number;
  status: string;
  durationMs: number | null;
  output: unknown;
  error: unknown;
}

/** Every recorded attempt of every step; a step's name opens its details. */
export function StepsTable({
  steps,
  onSelect,
}: {
  steps: StepRow[];
  onSelect: (nodeId: string) => void;
}) {
  return (
    <table
      aria-label="Steps"
      className="w-full rounded-lg border border-slate-200 bg-white text-sm"
    >
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-4 py-2 font-medium">Step</th>
          <th className="px-4 py-2 font-medium">Attempt</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Duration</th>
          <th className="px-4 py-2 font-medium">Output or error</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {steps.map((step) => (
          <tr key={`${step.nodeId}:${step.attempt}`} data-step={step.nodeId}>
            <td className="px-4 py-2 font-mono text-xs">
              <button
                type="button"
                className="text-brand-700 hover:underline"
                onClick={() => onSelect(step.nodeId)}
              >
                {step.nodeId}
              </button>
            </td>
            <td className="px-4 py-2">{step.attempt}</td>
            <td className="px-4 py-2">
              <StatusBadge status={step.status} />
            </td>
            <td className="px-4 py-2">
              {step.durationMs === null ? '—' : `${step.durationMs} ms`}
            </td>
            <td className="max-w-md truncate px-4 py-2 font-mono text-xs">
              {JSON.stringify(step.error ?? step.output)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
