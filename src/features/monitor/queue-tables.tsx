import Link from 'next/link';
import type { QueueMonitor } from '@/server/services/monitor/get-queue-monitor';
import { StatusBadge } from '../runs/status-badge';
import { runsHref } from './drill-down';
import { formatRelative } from './format';

const th = 'px-4 py-2 font-medium';
const td = 'px-4 py-2';

/** Unfinished runs by workflow, priority and status; each count opens those runs. */
export function ActiveRunsTable({
  slug,
  rows,
  now,
}: {
  slug: string;
  rows: QueueMonitor['runs'];
  now: number;
}) {
  return (
    <table aria-label="Unfinished runs by workflow and priority" className="w-full text-sm">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className={th}>Workflow</th>
          <th className={th}>Priority</th>
          <th className={th}>Status</th>
          <th className={th}>Runs</th>
          <th className={th}>Oldest</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.length === 0 ? (
          <tr>
            <td colSpan={5} className={`${td} text-slate-500`}>
              Nothing queued, running or waiting.
            </td>
          </tr>
        ) : null}
        {rows.map((row) => (
          <tr key={`${row.workflowId}:${row.priority}:${row.status}`}>
            <td className={td}>{row.workflowName}</td>
            <td className={td}>{row.priority}</td>
            <td className={td}>
              <StatusBadge status={row.status} />
            </td>
            <td className={td}>
              <Link
                href={runsHref(slug, { workflowId: row.workflowId, status: row.status })}
                className="text-brand-700 hover:underline"
                aria-label={`${row.runs} ${row.status} runs of ${row.workflowName}`}
              >
                {row.runs}
              </Link>
            </td>
            <td className={td}>{formatRelative(row.oldestCreatedAt, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STEP_STATES: Record<string, string> = {
  ready: 'ready (waiting for a worker)',
  scheduled: 'scheduled (retry or delay not due)',
  running: 'running',
  waiting: 'waiting (delay, sub-workflow)',
};

/** Steps in the queue or waiting, by workflow and priority. */
export function StepQueueTable({ rows, now }: { rows: QueueMonitor['steps']; now: number }) {
  return (
    <table aria-label="Steps by workflow and priority" className="w-full text-sm">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className={th}>Workflow</th>
          <th className={th}>Priority</th>
          <th className={th}>State</th>
          <th className={th}>Steps</th>
          <th className={th}>Oldest since</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.length === 0 ? (
          <tr>
            <td colSpan={5} className={`${td} text-slate-500`}>
              No step is queued, running or waiting.
            </td>
          </tr>
        ) : null}
        {rows.map((row) => (
          <tr key={`${row.workflowId}:${row.priority}:${row.state}`}>
            <td className={td}>{row.workflowName}</td>
            <td className={td}>{row.priority}</td>
            <td className={td}>{STEP_STATES[row.state] ?? row.state}</td>
            <td className={td}>{row.steps}</td>
            <td className={td}>{formatRelative(row.oldestSince, now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
