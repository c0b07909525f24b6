'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useLiveInvalidate } from '../live/use-run-events';
import { useWorkspace } from '../shell/workspace-context';
import { BulkActions } from './bulk-actions';
import { filtersFromParams, filtersToParams, listInputFor, type RunFilters } from './run-filters';
import { RunFiltersForm } from './run-filters-form';
import { RunsTable } from './runs-table';

const PAGE_SIZE = 50;

/** Every run of the workspace, filtered by the URL's search params; updates live. */
export function RunsPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = filtersFromParams(new URLSearchParams(params.toString()));
  const key = filtersToParams(filters).toString();
  const apply = (next: RunFilters) => {
    const search = filtersToParams(next).toString();
    router.replace(search ? `${pathname}?${search}` : pathname);
  };
  return (
    <>
      <RunFiltersForm key={`form:${key}`} filters={filters} onChange={apply} />
      {/* A new filter starts again from the first page, with nothing selected. */}
      <FilteredRuns key={key} filters={filters} />
    </>
  );
}

function FilteredRuns({ filters }: { filters: RunFilters }) {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const canOperate = hasRole(workspace.role, 'operator');
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const input = listInputFor(filters, cursors.at(-1), PAGE_SIZE);
  const runs = useQuery(trpc.run.list.queryOptions(input));
  useLiveInvalidate(filters.workflow ? { workflowId: filters.workflow } : {}, [
    trpc.run.list.queryKey(input),
  ]);

  if (runs.isPending) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (runs.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        Could not load runs: {runs.error.message}
      </p>
    );
  }
  const { items, nextCursor } = runs.data;
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  return (
    <>
      {canOperate ? (
        <BulkActions selected={[...selected]} onDone={() => setSelected(new Set())} />
      ) : null}
      {items.length === 0 ? (
        <EmptyState title="No runs match these filters" />
      ) : (
        <RunsTable
          runs={items}
          {...(canOperate
            ? { selection: { selected, onToggle: toggle, onToggleAll: toggleAll } }
            : {})}
        />
      )}
      <nav aria-label="Pages" className="mt-3 flex items-center gap-2">
        <Button
          variant="secondary"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          variant="secondary"
          disabled={!nextCursor}
          onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}
        >
          Older
        </Button>
        <span className="text-sm text-slate-500">Page {cursors.length + 1}</span>
      </nav>
    </>
  );
}
