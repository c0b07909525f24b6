'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { RunEventFilter } from '@/shared/run-event-filter';
import { useTRPCClient } from '@/trpc/react';
import { coalesce } from './coalesce';
import { invalidateFresh } from './invalidate-fresh';
import { RunEventHub, type RunEvent, type RunEventListener } from './run-event-hub';

export type { RunEvent, RunEventFilter };

type Client = ReturnType<typeof useTRPCClient>;

const hubs = new WeakMap<Client, RunEventHub>();

/** The page's one workspace-wide stream, opened through this tRPC client. */
function hubFor(client: Client): RunEventHub {
  let hub = hubs.get(client);
  if (!hub) {
    hub = new RunEventHub((onEvent) => {
      const subscription = client.live.runs.subscribe(
        {},
        {
          onData: (event) => {
            if (event.type === 'resync') return onEvent(null);
            const { type: _type, ...run } = event;
            onEvent(run);
          },
        },
      );
      return () => subscription.unsubscribe();
    });
    hubs.set(client, hub);
  }
  return hub;
}

/**
 * Calls onEvent for each change of a run matching the filter, and with null after
 * (re)connecting, meaning "re-read everything" (changes made while disconnected are lost).
 */
export function useRunEvents(
  filter: RunEventFilter,
  onEvent: RunEventListener,
  options: { enabled?: boolean } = {},
): void {
  const client = useTRPCClient();
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  const enabled = options.enabled ?? true;
  const { runId, workflowId } = filter;
  useEffect(() => {
    if (!enabled) return;
    return hubFor(client).subscribe({ runId, workflowId }, (event) => latest.current(event));
  }, [client, enabled, runId, workflowId]);
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
): void {
  const queryClient = useQueryClient();
  const keys = useRef(queryKeys);
  useEffect(() => {
    keys.current = queryKeys;
  });
  const [refetch] = useState(() =>
    coalesce(() => {
      for (const queryKey of keys.current) void invalidateFresh(queryClient, queryKey);
    }, COALESCE_MS),
  );
  useEffect(() => () => refetch.cancel(), [refetch]);
  useRunEvents(filter, () => refetch.call(), options);
}
