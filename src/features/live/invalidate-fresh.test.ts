import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateFresh } from './invalidate-fresh';

/** A query whose first read is slow and sees the world before a change made meanwhile. */
function slowFirstRead() {
  let version = 'before';
  let reads = 0;
  const queryClient = new QueryClient();
  const observer = new QueryObserver(queryClient, {
    queryKey: ['run', 1],
    queryFn: async () => {
      reads += 1;
      const seen = version;
      await new Promise((r) => setTimeout(r, reads === 1 ? 50 : 1));
      return seen;
    },
  });
  const unsubscribe = observer.subscribe(() => undefined);
  return {
    queryClient,
    change: () => (version = 'after'),
    data: () => queryClient.getQueryData(['run', 1]),
    done: unsubscribe,
  };
}

describe('invalidateFresh', () => {
  it('re-reads after a first fetch that was in flight when the change came', async () => {
    const q = slowFirstRead();
    await new Promise((r) => setTimeout(r, 5));
    q.change();
    await invalidateFresh(q.queryClient, ['run']);
    expect(q.data()).toBe('after');
    q.done();
  });

  it('shows why: plain invalidation joins that stale first fetch', async () => {
    const q = slowFirstRead();
    await new Promise((r) => setTimeout(r, 5));
    q.change();
    await q.queryClient.invalidateQueries({ queryKey: ['run'] });
    expect(q.data()).toBe('before');
    q.done();
  });
});
