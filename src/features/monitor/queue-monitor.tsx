'use client';

import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../live/use-run-events';
import { useWorkspace } from '../shell/workspace-context';
import { ConcurrencyTable } from './concurrency-table';
import { formatDuration } from './format';
import { ActiveRunsTable, StepQueueTable } from './queue-tables';
import { StatTile } from './stat-tile';
import { ThroughputChart } from './throughput-chart';
import { useNow } from './use-now';
import { WorkersTable } from './workers-table';

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = `queue-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white">
      <h3 id={id} className="px-4 pt-3 text-sm font-semibold text-slate-800">
        {title}
      </h3>
      <div className="mt-2 overflow-x-auto">{children}</div>
    </section>
  );
}

/** What is queued, running and waiting; throughput, workers and concurrency limits. */
export function QueueMonitor() {
  const trpc = useTRPC();
  const { slug } = useWorkspace();
  const now = useNow();
  const queue = useQuery(trpc.monitor.queue.queryOptions({}));
  useLiveInvalidate({}, [trpc.monitor.queue.queryKey()]);

  if (queue.isPending) return <p className="text-sm text-slate-500">Loading the queue…</p>;
  if (queue.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load the queue: {queue.error.message}
      </p>
    );
  }
  const data = queue.data;
  const aliveWorkers = data.workers.filter((w) => w.alive).length;
  return (
    <section aria-labelledby="queue-heading" className="space-y-4">
      {/* The tab above already names this page: the heading is for the outline only. */}
      <h2 id="queue-heading" className="sr-only">
        Queue
      </h2>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <StatTile label="Queued runs" value={data.totals.queuedRuns} />
        <StatTile label="Running runs" value={data.totals.runningRuns} />
        <StatTile label="Waiting runs" value={data.totals.waitingRuns} />
        <StatTile
          label="Steps ready"
          value={data.totals.readySteps}
          hint={`${data.totals.runningSteps} running, ${data.totals.waitingSteps} waiting`}
        />
        <StatTile
          label="Oldest ready job"
          value={formatDuration(data.oldestReadyJobAgeMs)}
          hint={
            data.oldestQueuedRunAgeMs === null
              ? 'no run waits for a slot'
              : `oldest queued run: ${formatDuration(data.oldestQueuedRunAgeMs)}`
          }
        />
        <StatTile
          label="Workers"
          value={`${aliveWorkers} / ${data.workers.length}`}
          hint="alive / known"
        />
      </dl>
      <ThroughputChart throughput={data.throughput} />
      <div className="grid gap-4 xl:grid-cols-2">
        <Panel title="Runs by workflow and priority">
          <ActiveRunsTable slug={slug} rows={data.runs} now={now} />
        </Panel>
        <Panel title="Steps by workflow and priority">
          <StepQueueTable rows={data.steps} now={now} />
        </Panel>
      </div>
      <Panel title="Workers">
        <WorkersTable slug={slug} rows={data.workers} now={now} />
      </Panel>
      <Panel title="Concurrency limits">
        <ConcurrencyTable slug={slug} rows={data.concurrency} />
      </Panel>
    </section>
  );
}
