import Link from 'next/link';
import type { QueueMonitor } from '@/server/services/monitor/get-queue-monitor';

const th = 'px-4 py-2 font-medium';
const td = 'px-4 py-2';

/** Workflows with a concurrency limit: active runs against the limit, and the backlog. */
export function ConcurrencyTable({
  slug,
  rows,
}: {
  slug: string;
  rows: QueueMonitor['concurrency'];
}) {
  return (
    <table aria-label="Concurrency limits" className="w-full text-sm">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className={th}>Workflow</th>
          <th className={th}>Active / limit</th>
          <th className={th}>Queued</th>
          <th className={th}>Beyond the limit</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.length === 0 ? (
          <tr>
            <td colSpan={4} className={`${td} text-slate-500`}>
              No workflow limits its concurrency.
            </td>
          </tr>
        ) : null}
        {rows.map((row) => {
          const full = row.active >= row.limit;
          return (
            <tr key={row.workflowId}>
              <td className={td}>
                <Link
                  href={`/w/${slug}/workflows/${row.workflowId}`}
                  className="text-brand-700 hover:underline"
                >
                  {row.name}
                </Link>
              </td>
              <td className={td}>
                <div className="flex items-center gap-2">
                  <meter
                    min={0}
                    max={row.limit}
                    value={Math.min(row.active, row.limit)}
                    high={Math.max(1, row.limit - 0.5)}
                    aria-label={`${row.name}: ${row.active} of ${row.limit} slots in use`}
                    className="h-2 w-24"
                  />
                  <span className={full ? 'font-medium text-amber-800' : ''}>
                    {row.active} / {row.limit}
                  </span>
                </div>
              </td>
              <td className={td}>{row.queued}</td>
              <td className={td}>{row.policy}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
