'use client';

import { formatDuration } from './format-duration';
import type { TimelineBar, TimelineRow } from '@/engine';

const FILL: Record<string, string> = {
  succeeded: 'bg-emerald-500',
  failed: 'bg-red-500',
  running: 'bg-blue-500',
  scheduled: 'bg-blue-300',
  waiting: 'bg-amber-400',
  cancelled: 'bg-slate-400',
  skipped: 'bg-slate-200',
};

/** A Gantt chart of the run's steps: attempts, waits and retries on one time axis. */
export function StepTimeline({ rows }: { rows: TimelineRow[] }) {
  const bars = rows.flatMap((r) => r.bars);
  if (bars.length === 0) return <p className="text-sm text-slate-500">No step has started yet.</p>;
  const start = Math.min(...bars.map((b) => b.start));
  const end = Math.max(...bars.map((b) => b.end), start + 1);
  const span = end - start;
  const pct = (t: number) => `${((t - start) / span) * 100}%`;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="mb-2 flex justify-between text-xs text-slate-500">
        <span>0</span>
        <span>{formatDuration(span)}</span>
      </div>
      <ul aria-label="Timeline" className="space-y-1">
        {rows.map((row) => (
          <li
            key={row.nodeId}
            aria-label={`Timeline of ${row.nodeId}`}
            className="flex items-center gap-2"
          >
            <span className="w-32 shrink-0 truncate font-mono text-xs">{row.nodeId}</span>
            <div className="relative h-5 flex-1 rounded bg-slate-50">
              {row.bars.map((bar, i) => {
                const label = barLabel(row.nodeId, bar);
                return (
                  <span
                    key={i}
                    role="img"
                    aria-label={label}
                    title={label}
                    className={`absolute top-0.5 h-4 min-w-[2px] rounded-sm ${
                      bar.kind === 'retryWait'
                        ? 'border border-dashed border-amber-500 bg-amber-50'
                        : (FILL[bar.status] ?? 'bg-slate-300')
                    } ${bar.open ? 'animate-pulse' : ''}`}
                    style={{
                      left: pct(bar.start),
                      width: `calc(${pct(bar.end)} - ${pct(bar.start)})`,
                    }}
                  />
                );
              })}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function barLabel(nodeId: string, bar: TimelineBar): string {
  const what =
    bar.kind === 'retryWait'
      ? `waiting to retry (attempt ${bar.attempt})`
      : `attempt ${bar.attempt} ${bar.status}`;
  const until =
    bar.until === undefined ? '' : ` until ${new Date(bar.until).toISOString().slice(11, 19)} UTC`;
  return `${nodeId}: ${what}${until}, ${formatDuration(bar.end - bar.start)}${bar.open ? ' so far' : ''}`;
}
