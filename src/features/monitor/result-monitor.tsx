'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/trpc/react';
import type { ResultWindow } from '@/server/services/monitor/monitor-inputs';
import { useLiveInvalidate } from '../live/use-run-events';
import { useWorkspace } from '../shell/workspace-context';
import { runsHref } from './drill-down';
import { formatDuration, formatRate } from './format';
import { DurationChart, RunsChart } from './result-charts';
import { StatTile } from './stat-tile';
import { SplitVariants } from './split-variants';
import { TopFailures } from './top-failures';
import { WorkflowResults } from './workflow-results';

const WINDOWS: { value: ResultWindow; label: string }[] = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
];

/** Runs, success rate and durations over a window, overall or for one workflow. */
export function ResultMonitor() {
  const trpc = useTRPC();
  const { slug } = useWorkspace();
  const [period, setPeriod] = useState<ResultWindow>('24h');
  const [workflowId, setWorkflowId] = useState('');
  const input = { window: period, ...(workflowId ? { workflowId } : {}) };
  // Switching the window or workflow keeps the old figures on screen until the new arrive.
  const results = useQuery({
    ...trpc.monitor.results.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const workflows = useQuery(trpc.workflow.list.queryOptions());
  useLiveInvalidate(workflowId ? { workflowId } : {}, [trpc.monitor.results.queryKey()]);

  return (
    <section aria-labelledby="results-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {/* The tab above already names this page: the heading is for the outline only. */}
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <div
            role="group"
            aria-label="Time window"
            className="flex rounded-md border border-slate-300"
          >
            {WINDOWS.map((w) => (
              <button
                key={w.value}
                type="button"
                aria-pressed={period === w.value}
                onClick={() => setPeriod(w.value)}
                className={`px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md ${period === w.value ? 'bg-brand-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
              >
                {w.label}
              </button>
            ))}
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Workflow
            <select
              value={workflowId}
              onChange={(event) => setWorkflowId(event.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              <option value="">All workflows</option>
              {(workflows.data ?? []).map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {results.isPending ? (
        <p className="text-sm text-slate-500">Loading results…</p>
      ) : results.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load results: {results.error.message}
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
            <StatTile
              label="Runs"
              value={
                <Link
                  className="hover:underline"
                  href={runsHref(slug, {
                    workflowId: workflowId || undefined,
                    from: results.data.window.from,
                    to: results.data.window.to,
                  })}
                >
                  {results.data.overall.runs}
                </Link>
              }
              hint={`${results.data.overall.failed} failed, ${results.data.overall.cancelled} cancelled`}
            />
            <StatTile label="Success rate" value={formatRate(results.data.overall.successRate)} />
            <StatTile label="p50 duration" value={formatDuration(results.data.overall.p50)} />
            <StatTile label="p95 duration" value={formatDuration(results.data.overall.p95)} />
            <StatTile label="p99 duration" value={formatDuration(results.data.overall.p99)} />
          </dl>
          <div className="grid gap-4 lg:grid-cols-2">
            <RunsChart
              slug={slug}
              series={results.data.series}
              stepMs={results.data.window.stepMs}
              workflowId={workflowId || undefined}
            />
            <DurationChart
              slug={slug}
              series={results.data.series}
              stepMs={results.data.window.stepMs}
              workflowId={workflowId || undefined}
            />
          </div>
          <SplitVariants rows={results.data.splitVariants} />
          <WorkflowResults
            slug={slug}
            rows={results.data.workflows}
            from={results.data.window.from}
            to={results.data.window.to}
          />
          <TopFailures
            slug={slug}
            rows={results.data.topFailures}
            from={results.data.window.from}
            to={results.data.window.to}
          />
        </>
      )}
    </section>
  );
}
