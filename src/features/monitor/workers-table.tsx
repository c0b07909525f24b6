import type { QueueMonitor } from '@/server/services/monitor/get-queue-monitor';
import { formatRelative } from './format';

const th = 'px-4 py-2 font-medium';
const td = 'px-4 py-2';

/** Worker processes with their last heartbeat, slots in use and version. */
export function WorkersTable({ rows, now }: { rows: QueueMonitor['workers']; now: number }) {
  return (
    <table aria-label="Workers" className="w-full text-sm">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className={th}>Worker</th>
          <th className={th}>Heartbeat</th>
          <th className={th}>Busy / concurrency</th>
          <th className={th}>Jobs of this workspace</th>
          <th className={th}>Version</th>
          <th className={th}>Up since</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.length === 0 ? (
          <tr>
            <td colSpan={6} className={`${td} text-amber-800`}>
              No worker is running: runs will wait until one starts.
            </td>
          </tr>
        ) : null}
        {rows.map((w) => (
          <tr key={w.id}>
            <td className={td}>
              <span className="font-mono text-xs">{w.id}</span>
              <span className="block text-xs text-slate-500">
                {w.hostname} (pid {w.pid})
              </span>
            </td>
            <td className={td}>
              <span className={w.alive ? 'text-emerald-700' : 'font-medium text-red-700'}>
                {w.alive ? 'alive' : 'silent'}
              </span>{' '}
              <span className="text-xs text-slate-500">{formatRelative(w.lastSeenAt, now)}</span>
            </td>
            <td className={td}>
              {w.runningJobs} / {w.concurrency}
            </td>
            <td className={td}>{w.workspaceJobs}</td>
            <td className={td}>{w.version}</td>
            <td className={td}>{formatRelative(w.startedAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
