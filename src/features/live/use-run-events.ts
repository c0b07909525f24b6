'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { coalesce } from './coalesce';

export interface RunEvent {
  runId: string;
  workflowId: string;
  workspaceId: string;
  status: string;
  parentRunId?: string | null;
}

export interface RunEventFilter {
  /** Only this run and its child runs. */
  runId?: string;
  /** Only runs of this workflow. */
  workflowId?: string;
}

/**
 * Calls onEvent for each change of a run matching the filter, and with null after
 * (re)connecting, meaning "re-read everything" (changes made while disconnected are lost).
 */
export function useRunEvents(
  filter: RunEventFilter,
  onEvent: (event: RunEvent | null) => void,
  options: { enabled?: boolean } = {},
): { connected: boolean } {
  const trpc = useTRPC();
  const input = {
    ...(filter.runId ? { runId: filter.runId } : {}),
    ...(filter.workflowId ? { workflowId: filter.workflowId } : {}),
  };
  const subscription = useSubscription(
    trpc.live.runs.subscriptionOptions(input, {
      enabled: options.enabled ?? true,
      // useSubscription reads its callbacks anew on every render: no stale onEvent.
      onData: (event) => {
        if (event.type === 'resync') return onEvent(null);
        const { type: _type, ...run } = event;
        onEvent(run);
      },
    }),
  );
  return { connected: subscription.status === 'pending' };
}

/** A burst of notices (a run finishing many steps at once) costs one refetch per window. */
const COALESCE_MS = 50;

/**
 * Keeps the given queries fresh without polling: invalidates them on every matching run
 * change and after every (re)connect. The first change refetches at once; further changes
 * within the next {@link COALESCE_MS} fold into one more refetch at its end.
 */
export function useLiveInvalidate(
  filter: RunEventFilter,
  queryKeys: QueryKey[],
  options: { enabled?: boolean } = {},
): { connected: boolean } {
  const queryClient = useQueryClient();
  const keys = useRef(queryKeys);
  useEffect(() => {
    keys.current = queryKeys;
  });
  const [refetch] = useState(() =>
    coalesce(() => {
      for (const queryKey of keys.current) void queryClient.invalidateQueries({ queryKey });
    }, COALESCE_MS),
  );
  useEffect(() => () => refetch.cancel(), [refetch]);
  return useRunEvents(filter, () => refetch.call(), options);
}
