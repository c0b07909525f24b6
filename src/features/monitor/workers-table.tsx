import Link from 'next/link';
import type { QueueMonitor } from '@/server/services/monitor/get-queue-monitor';
import { formatRelative } from './format';

const TASK_NAMES: Record<string, string> = {
  mf_step: 'step',
  mf_timer: 'timer',
  mf_start: 'start',
  mf_child_done: 'child finished',
};

const th = 'px-4 py-2 font-medium';
const td = 'px-4 py-2';

/** Worker processes with their last heartbeat, slots in use and version. */
export function WorkersTable({
  slug,
  rows,
  now,
}: {
  slug: string;
  rows: QueueMonitor['workers'];
  now: number;
}) {
  return (
    <table aria-label="Workers" className="w-full text-sm">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className={th}>Worker</th>
          <th className={th}>Heartbeat</th>
          <th className={th}>Busy / concurrency</th>
          <th className={th}>Current jobs of this workspace</th>
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
            <td className={td}>
              {w.jobs.length === 0 ? (
                <span className="text-slate-500">none</span>
              ) : (
                <ul className="space-y-0.5 text-xs">
                  {w.jobs.map((job) => (
                    <li key={`${job.runId}:${job.task}:${job.nodeId ?? ''}`}>
                      <Link
                        href={`/w/${slug}/runs/${job.runId}`}
                        className="text-brand-700 hover:underline"
                      >
                        {TASK_NAMES[job.task] ?? job.task}
                        {job.nodeId ? ` ${job.nodeId}` : ''}
                      </Link>{' '}
                      <span className="text-slate-500">
                        since {formatRelative(job.lockedAt, now)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className={td}>{w.version}</td>
            <td className={td}>{formatRelative(w.startedAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
