'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../live/use-run-events';
import { runsHref } from '../monitor/drill-down';
import { formatRelative } from '../monitor/format';
import { useNow } from '../monitor/use-now';
import { StatusBadge } from '../runs/status-badge';
import { useWorkspace } from '../shell/workspace-context';
import { WorkflowHealth } from './workflow-health';

function Card({
  title,
  action,
  children,
}: {
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const id = `home-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

const linkClass = 'text-brand-700 hover:underline';

/** The workspace at a glance; every entry links to its details. */
export function HomeDashboard() {
  const trpc = useTRPC();
  const { slug } = useWorkspace();
  const now = useNow();
  const home = useQuery(trpc.monitor.home.queryOptions({}));
  useLiveInvalidate({}, [trpc.monitor.home.queryKey()]);

  if (home.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (home.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load the dashboard: {home.error.message}
      </p>
    );
  }
  const data = home.data;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card
        title="Runs in progress"
        action={
          <span className="text-xs text-slate-600">
            {data.inProgressTotal} queued, running or waiting ·{' '}
            <Link href={`/w/${slug}/monitor`} className="text-brand-700 underline">
              Queue
            </Link>
          </span>
        }
      >
        {data.inProgress.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing is running.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {data.inProgress.map((run) => (
              <li key={run.id} className="flex items-center justify-between gap-2 py-1.5">
                <Link href={`/w/${slug}/runs/${run.id}`} className={linkClass}>
                  {run.workflow.name}
                </Link>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  <StatusBadge status={run.status} />
                  started {formatRelative(run.startedAt ?? run.createdAt, now)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card
        title="Recent failures"
        action={
          <Link href={runsHref(slug, { status: 'failed' })} className={`text-xs ${linkClass}`}>
            All failed runs
          </Link>
        }
      >
        {data.recentFailures.length === 0 ? (
          <p className="text-sm text-slate-500">No run has failed.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {data.recentFailures.map((run) => (
              <li key={run.id} className="py-1.5">
                <div className="flex items-center justify-between gap-2">
                  <Link href={`/w/${slug}/runs/${run.id}`} className={linkClass}>
                    {run.workflow.name}
                  </Link>
                  <span className="text-xs text-slate-500">
                    {formatRelative(run.finishedAt ?? run.createdAt, now)}
                  </span>
                </div>
                {run.message ? (
                  <p className="truncate text-xs text-red-800" title={run.message}>
                    {run.message}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Next scheduled runs">
        {data.nextScheduled.length === 0 ? (
          <p className="text-sm text-slate-500">No active schedule.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {data.nextScheduled.map((schedule) => (
              <li key={schedule.id} className="flex items-center justify-between gap-2 py-1.5">
                <Link href={`/w/${slug}/workflows/${schedule.workflowId}`} className={linkClass}>
                  {schedule.workflow.name}
                </Link>
                <span className="text-xs text-slate-500">
                  <span className="font-mono">{schedule.cron}</span> ({schedule.timezone}){' '}
                  <time dateTime={schedule.nextFireAt?.toISOString()}>
                    {formatRelative(schedule.nextFireAt, now)}
                  </time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card
        title="Workflow health, last 24 hours"
        action={
          <Link href={`/w/${slug}/monitor/results`} className={`text-xs ${linkClass}`}>
            Results
          </Link>
        }
      >
        <WorkflowHealth slug={slug} health={data.health} />
      </Card>
    </div>
  );
}
