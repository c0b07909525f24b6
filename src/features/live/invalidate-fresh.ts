import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Invalidates the queries under `queryKey` so that what they show is read after the
 * change that asked for it. TanStack Query cancels an in-flight fetch on invalidation only
 * when the query already has data; a first fetch still in flight is joined instead, and it
 * may have read before the change (a run that finished while its page was loading would
 * stay "running"). Such a query is invalidated once more when that fetch settles.
 */
export async function invalidateFresh(queryClient: QueryClient, queryKey: QueryKey) {
  const joinsFirstFetch = queryClient
    .getQueryCache()
    .findAll({ queryKey })
    .some((query) => query.state.fetchStatus === 'fetching' && query.state.data === undefined);
  await queryClient.invalidateQueries({ queryKey });
  if (joinsFirstFetch) await queryClient.invalidateQueries({ queryKey });
}
