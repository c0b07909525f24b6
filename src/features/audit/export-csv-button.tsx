'use client';

import { downloadFile } from '@/components/download-file';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';
import type { toQueryFilters } from './audit-filters';

/** Downloads the events that match the filters as CSV. */
export function ExportCsvButton({ filters }: { filters: ReturnType<typeof toQueryFilters> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const { csv, filename } = await queryClient.fetchQuery({
        ...trpc.audit.exportCsv.queryOptions({ filters }),
        staleTime: 0,
        gcTime: 0,
      });
      downloadFile(csv, filename, 'text/csv;charset=utf-8');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex items-center gap-3">
      <Button variant="secondary" onClick={() => void download()} disabled={busy}>
        {busy ? 'Exporting…' : 'Export CSV'}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
