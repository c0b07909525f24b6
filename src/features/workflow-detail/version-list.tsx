'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';

export function VersionList({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const versions = useQuery(trpc.workflow.versions.queryOptions({ id: workflowId }));
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title" className="mb-2 text-lg font-semibold">
        Versions
      </h2>
      {versions.data?.length ? (
        <ul aria-label="Versions" className="space-y-1 text-sm">
          {versions.data.map((v) => (
            <li key={v.id} className="flex gap-2">
              <span className="font-medium">v{v.number}</span>
              {v.published ? <span className="text-xs text-emerald-700">published</span> : null}
              <span className="truncate text-slate-600">{v.message || '—'}</span>
              <span className="ml-auto text-xs text-slate-500">{v.createdAt.toLocaleString()}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">Not published yet.</p>
      )}
    </section>
  );
}
