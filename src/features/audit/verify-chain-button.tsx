'use client';

import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { useTRPC } from '@/trpc/react';

/** Checks the workspace's whole chain on demand (it reads every event: never on its own). */
export function VerifyChainButton() {
  const trpc = useTRPC();
  const verify = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false, gcTime: 0 });
  const result = verify.data;
  return (
    <div className="flex items-center gap-3">
      <Button
        variant="secondary"
        onClick={() => void verify.refetch()}
        disabled={verify.isFetching}
      >
        {verify.isFetching ? 'Verifying…' : 'Verify chain'}
      </Button>
      <p role="status" aria-label="Chain verification" className="text-sm">
        {verify.error ? (
          <span className="text-red-700">{verify.error.message}</span>
        ) : result?.intact ? (
          <span className="text-green-700">Chain intact: {result.checked} events verified.</span>
        ) : result?.broken ? (
          <span className="text-red-700">
            Chain broken at event {result.broken.eventId} ({result.broken.action},{' '}
            {result.broken.at.toISOString()}): {result.broken.problem}.
          </span>
        ) : null}
      </p>
    </div>
  );
}
