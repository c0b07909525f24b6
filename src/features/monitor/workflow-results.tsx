import Link from 'next/link';
import type { ResultMonitor } from '@/server/services/monitor/get-result-monitor';
import { runsHref } from './drill-down';
import { formatDuration, formatRate } from './format';

/** Per-workflow figures of the window; counts open the runs behind them. */
export function WorkflowResults({
  slug,
  rows,
  from,
  to,
}: {
  slug: string;
  rows: ResultMonitor['workflows'];
  from: Date;
  to: Date;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label="Results by workflow" className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">Workflow</th>
            <th className="px-4 py-2 font-medium">Runs</th>
            <th className="px-4 py-2 font-medium">Failed</th>
            <th className="px-4 py-2 font-medium">Success rate</th>
            <th className="px-4 py-2 font-medium">p50</th>
            <th className="px-4 py-2 font-medium">p95</th>
            <th className="px-4 py-2 font-medium">p99</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-4 py-3 text-slate-500">
                No workflows yet.
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={row.workflowId}>
              <td className="px-4 py-2">
                <Link
                  href={`/w/${slug}/workflows/${row.workflowId}`}
                  className="text-brand-700 hover:underline"
                >
                  {row.name}
                </Link>
              </td>
              <td className="px-4 py-2">
                <Link
                  href={runsHref(slug, { workflowId: row.workflowId, from, to })}
                  className="text-brand-700 hover:underline"
                  aria-label={`${row.runs} runs of ${row.name}`}
                >
                  {row.runs}
                </Link>
              </td>
              <td className="px-4 py-2">
                <Link
                  href={runsHref(slug, { workflowId: row.workflowId, status: 'failed', from, to })}
                  className="text-brand-700 hover:underline"
                  aria-label={`${row.failed} failed runs of ${row.name}`}
                >
                  {row.failed}
                </Link>
              </td>
              <td className="px-4 py-2">{formatRate(row.successRate)}</td>
              <td className="px-4 py-2">{formatDuration(row.p50)}</td>
              <td className="px-4 py-2">{formatDuration(row.p95)}</td>
              <td className="px-4 py-2">{formatDuration(row.p99)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
