import { memo } from 'react';
import type { Problem } from '../model/problems';

interface ProblemsPanelProps {
  problems: Problem[] | undefined;
  onSelect: (problem: Problem) => void;
}

/** Everything the engine's validator finds; clicking one goes to its node and field. */
export const ProblemsPanel = memo(function ProblemsPanel({
  problems,
  onSelect,
}: ProblemsPanelProps) {
  const count = problems?.length ?? 0;
  return (
    <section aria-labelledby="problems-title" className="space-y-2">
      <h2 id="problems-title" className="text-sm font-semibold text-slate-800">
        Problems {problems ? `(${count})` : ''}
      </h2>
      {!problems ? (
        <p className="text-xs text-slate-500">Checking…</p>
      ) : count === 0 ? (
        <p className="text-xs text-emerald-700">No problems: ready to publish.</p>
      ) : (
        <ul aria-label="Problems" className="max-h-56 space-y-1 overflow-y-auto">
          {problems.map((p, i) => (
            <li key={`${p.path}:${i}`}>
              <button
                type="button"
                onClick={() => onSelect(p)}
                disabled={!p.nodeId}
                className="w-full rounded border border-red-200 bg-red-50 px-2 py-1 text-left text-xs text-red-900 hover:bg-red-100 disabled:cursor-default"
              >
                {p.where ? <span className="font-semibold">{p.where}: </span> : null}
                {p.message}
                {p.field ? <span className="block text-[11px] text-red-700">{p.field}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
