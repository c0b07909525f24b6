'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../live/use-run-events';
import { useWorkspace } from '../shell/workspace-context';
import { StatusBadge } from './status-badge';

/** Runs of the workspace (or of one workflow), newest first; updates live as runs change. */
export function RunList({ workflowId }: { workflowId?: string }) {
  const trpc = useTRPC();
  const { slug } = useWorkspace();
  const input = { ...(workflowId ? { workflowId } : {}), limit: 50 };
  const runs = useQuery(trpc.run.list.queryOptions(input));
  useLiveInvalidate({ workflowId }, [trpc.run.list.queryKey(input)]);
  if (runs.isPending) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (runs.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load runs: {runs.error.message}
      </p>
    );
  }
  if (runs.data.items.length === 0) return <EmptyState title="No runs yet" />;
  return (
    <table
      aria-label="Runs"
      className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
    >
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          <th className="px-4 py-2 font-medium">Run</th>
          <th className="px-4 py-2 font-medium">Workflow</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 font-medium">Trigger</th>
          <th className="px-4 py-2 font-medium">Started</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {runs.data.items.map((run) => (
          <tr key={run.id}>
            <td className="px-4 py-2 font-mono text-xs">
              <Link href={`/w/${slug}/runs/${run.id}`} className="text-brand-700 hover:underline">
                {run.id}
              </Link>
            </td>
            <td className="px-4 py-2">{run.workflow.name}</td>
            <td className="px-4 py-2">
              <StatusBadge status={run.status} />
            </td>
            <td className="px-4 py-2">{run.trigger}</td>
            <td className="px-4 py-2">{run.createdAt.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
