import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

type AuditEvent = inferRouterOutputs<AppRouter>['audit']['list']['events'][number];

function details(data: unknown): string {
  if (!data || (typeof data === 'object' && Object.keys(data).length === 0)) return '';
  return JSON.stringify(data);
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
      <caption className="sr-only">Audit events, newest first</caption>
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-3 py-2 font-medium">Time</th>
          <th className="px-3 py-2 font-medium">Actor</th>
          <th className="px-3 py-2 font-medium">Action</th>
          <th className="px-3 py-2 font-medium">Target</th>
          <th className="px-3 py-2 font-medium">Client address</th>
          <th className="px-3 py-2 font-medium">Details</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {events.map((e) => (
          <tr key={e.id}>
            <td className="whitespace-nowrap px-3 py-2">
              <time dateTime={e.at.toISOString()}>{e.at.toLocaleString()}</time>
            </td>
            <td className="px-3 py-2">{e.actor ? (e.actor.email ?? e.actor.id) : '—'}</td>
            <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
            <td className="px-3 py-2">
              {e.targetType}
              {e.targetId ? <span className="ml-1 font-mono text-xs">{e.targetId}</span> : null}
            </td>
            <td className="px-3 py-2 font-mono text-xs">{e.ip ?? '—'}</td>
            <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={details(e.data)}>
              {details(e.data)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
