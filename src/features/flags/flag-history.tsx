'use client';

import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '@/trpc/react';

/** Who changed the flag and when, from the audit trail. */
export function FlagHistory({ flagKey }: { flagKey: string }) {
  const trpc = useTRPC();
  const titleId = useId();
  const history = useQuery(trpc.flag.history.queryOptions({ key: flagKey }));
  return (
    <section aria-labelledby={titleId} className="space-y-2">
      <h2 id={titleId} className="text-lg font-semibold">
        Change history
      </h2>
      <ul className="space-y-1 text-sm text-slate-700">
        {history.data?.map((e) => (
          <li key={e.id}>
            {new Date(e.at).toLocaleString()}: {e.action === 'flag.created' ? 'created' : 'changed'}
            {e.version !== null ? ` (version ${e.version})` : ''} by {e.by ?? 'the system'}
          </li>
        ))}
      </ul>
    </section>
  );
}
