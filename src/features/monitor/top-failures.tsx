import Link from 'next/link';
import type { ResultMonitor } from '@/server/services/monitor/get-result-monitor';
import { runsHref } from './drill-down';

/** The most frequent step failures of the window, each with its latest run. */
export function TopFailures({
  slug,
  rows,
  from,
  to,
}: {
  slug: string;
  rows: ResultMonitor['topFailures'];
  from: Date;
  to: Date;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label="Top failing steps" className="w-full text-sm">
        <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-800">
          Top failing steps
        </caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">Workflow</th>
            <th className="px-4 py-2 font-medium">Step</th>
            <th className="px-4 py-2 font-medium">Error</th>
            <th className="px-4 py-2 font-medium">Failures</th>
            <th className="px-4 py-2 font-medium">Latest</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-4 py-3 text-slate-500">
                No step failed in this window.
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={`${row.workflowId}:${row.nodeId}:${row.nodeType}:${row.message}`}>
              <td className="px-4 py-2">
                <Link
                  href={runsHref(slug, { workflowId: row.workflowId, status: 'failed', from, to })}
                  className="text-brand-700 hover:underline"
                  aria-label={`Failed runs of ${row.workflowName}`}
                >
                  {row.workflowName}
                </Link>
              </td>
              <td className="px-4 py-2">
                <span className="font-mono text-xs">{row.nodeId}</span>{' '}
                <span className="text-xs text-slate-500">({row.nodeType})</span>
              </td>
              <td className="max-w-md truncate px-4 py-2 text-red-800" title={row.message}>
                {row.message}
              </td>
              <td className="px-4 py-2">{row.failures}</td>
              <td className="px-4 py-2">
                {row.lastRunId ? (
                  <Link
                    href={`/w/${slug}/runs/${row.lastRunId}`}
                    className="text-brand-700 hover:underline"
                    aria-label={`Latest run where ${row.nodeId} failed`}
                  >
                    View run
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
