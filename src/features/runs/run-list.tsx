'use client';

import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '@/components/ui/empty-state';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../live/use-run-events';
import { RunsTable } from './runs-table';

/** The latest runs of one workflow (or of the workspace); updates live as runs change. */
export function RunList({ workflowId }: { workflowId?: string }) {
  const trpc = useTRPC();
  const input = { ...(workflowId ? { workflowId } : {}), limit: 50 };
  const runs = useQuery(trpc.run.list.queryOptions(input));
  useLiveInvalidate(workflowId ? { workflowId } : {}, [trpc.run.list.queryKey(input)]);
  if (runs.isPending) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (runs.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load runs: {runs.error.message}
      </p>
    );
  }
  if (runs.data.items.length === 0) return <EmptyState title="No runs yet" />;
  return <RunsTable runs={runs.data.items} />;
}
