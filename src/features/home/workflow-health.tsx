import Link from 'next/link';
import type { HomeDashboard } from '@/server/services/monitor/get-home-dashboard';
import { runsHref } from '../monitor/drill-down';
import { formatRate } from '../monitor/format';

function tone(rate: number | null): string {
  if (rate === null) return 'bg-slate-300';
  if (rate >= 0.99) return 'bg-emerald-500';
  if (rate >= 0.9) return 'bg-amber-500';
  return 'bg-red-500';
}

/** Success rate per workflow over the last 24 hours, as a list a screen reader reads whole. */
export function WorkflowHealth({
  slug,
  health,
}: {
  slug: string;
  health: HomeDashboard['health'];
}) {
  if (health.workflows.length === 0) {
    return <p className="text-sm text-slate-500">No workflows yet.</p>;
  }
  return (
    <ul aria-label="Success rate per workflow" className="divide-y divide-slate-100 text-sm">
      {health.workflows.map((w) => (
        <li key={w.workflowId} className="flex items-center justify-between gap-2 py-1.5">
          <span className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className={`h-2.5 w-2.5 rounded-full ${tone(w.successRate)}`}
            />
            <Link
              href={`/w/${slug}/workflows/${w.workflowId}`}
              className="text-brand-700 hover:underline"
            >
              {w.name}
            </Link>
          </span>
          <span className="text-xs text-slate-600">
            {w.runs === 0 ? (
              'no runs'
            ) : (
              <>
                {formatRate(w.successRate)} of {w.runs}
                {w.failed > 0 ? (
                  <>
                    {' · '}
                    <Link
                      href={runsHref(slug, {
                        workflowId: w.workflowId,
                        status: 'failed',
                        from: health.from,
                        to: health.to,
                      })}
                      className="text-red-700 underline"
                      aria-label={`${w.failed} failed runs of ${w.name}`}
                    >
                      {w.failed} failed
                    </Link>
                  </>
                ) : null}
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
