'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../live/use-run-events';
import { useWorkspace } from '../shell/workspace-context';
import { StatusBadge } from './status-badge';
import { FINAL_RUN_STATUSES } from '@/shared/run-status';

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function RunDetail({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspace = useWorkspace();
  const canOperate = hasRole(workspace.role, 'operator');
  const run = useQuery(trpc.run.get.queryOptions({ id: runId }));
  useLiveInvalidate({ runId }, [trpc.run.get.queryKey({ id: runId })]);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.run.get.queryKey({ id: runId }) });
  const cancel = useMutation(trpc.run.cancel.mutationOptions({ onSettled: refresh }));
  if (run.isPending) return <p className="text-sm text-slate-500">Loading run…</p>;
  if (run.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {run.error.message}
      </p>
    );
  }
  const data = run.data;
  return (
    <section aria-labelledby="run-title" className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="run-title" className="text-2xl font-semibold">
          Run of{' '}
          <Link
            href={`/w/${workspace.slug}/workflows/${data.workflowId}`}
            className="text-brand-700 hover:underline"
          >
            {data.workflow.name}
          </Link>
        </h1>
        <span aria-label="Run status">
          <StatusBadge status={data.status} />
        </span>
        <span className="text-sm text-slate-500">version {data.version.number}</span>
        {canOperate && !FINAL_RUN_STATUSES.has(data.status) ? (
          <Button
            variant="secondary"
            onClick={() => cancel.mutate({ id: runId })}
            disabled={cancel.isPending}
          >
            Cancel run
          </Button>
        ) : null}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h2 className="mb-1 text-sm font-medium text-slate-600">Input</h2>
          <pre className="overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
            {json(data.input)}
          </pre>
        </div>
        <div>
          <h2 className="mb-1 text-sm font-medium text-slate-600">
            {data.error ? 'Error' : 'Output'}
          </h2>
          <pre
            aria-label="Run output"
            className="overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
          >
            {json(data.error ?? data.output)}
          </pre>
        </div>
      </div>
      <table
        aria-label="Steps"
        className="w-full rounded-lg border border-slate-200 bg-white text-sm"
      >
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2 font-medium">Step</th>
            <th className="px-4 py-2 font-medium">Attempt</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2 font-medium">Duration</th>
            <th className="px-4 py-2 font-medium">Output or error</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {data.steps.map((step) => (
            <tr key={`${step.nodeId}:${step.attempt}`}>
              <td className="px-4 py-2 font-mono text-xs">{step.nodeId}</td>
              <td className="px-4 py-2">{step.attempt}</td>
              <td className="px-4 py-2">
                <StatusBadge status={step.status} />
              </td>
              <td className="px-4 py-2">
                {step.durationMs === null ? '—' : `${step.durationMs} ms`}
              </td>
              <td className="max-w-md truncate px-4 py-2 font-mono text-xs">
                {JSON.stringify(step.error ?? step.output)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
