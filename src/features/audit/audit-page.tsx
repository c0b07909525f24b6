'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { hasRole } from '@/shared/roles';
import { useTRPC } from '@/trpc/react';
import { useWorkspace } from '../shell/workspace-context';
import { toQueryFilters } from './audit-filters';
import { AuditFiltersForm } from './audit-filters-form';
import { AuditTable } from './audit-table';
import { ExportCsvButton } from './export-csv-button';
import { VerifyChainButton } from './verify-chain-button';

const PAGE = 50;

export function AuditPage() {
  const workspace = useWorkspace();
  if (!hasRole(workspace.role, 'admin')) {
    return <p className="text-sm text-slate-600">The audit trail is open to admins and owners.</p>;
  }
  return <AuditTrail />;
}

function AuditTrail() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ReturnType<typeof toQueryFilters>>({});
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { filters, limit: PAGE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <VerifyChainButton />
        <ExportCsvButton filters={filters} />
      </div>
      <AuditFiltersForm onApply={(form) => setFilters(toQueryFilters(form))} />
      {events.error ? (
        <p role="alert" className="text-sm text-red-700">
          {events.error.message}
        </p>
      ) : null}
      {events.isPending ? (
        <p className="text-sm text-slate-500">Loading events…</p>
      ) : rows.length ? (
        <AuditTable events={rows} />
      ) : (
        <EmptyState title="No events match" />
      )}
      {events.hasNextPage ? (
        <Button
          variant="secondary"
          onClick={() => void events.fetchNextPage()}
          disabled={events.isFetchingNextPage}
        >
          {events.isFetchingNextPage ? 'Loading…' : 'Load older events'}
        </Button>
      ) : null}
    </div>
  );
}
