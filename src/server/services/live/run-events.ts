import { z } from 'zod';
import type { DbTx } from '../../db';
import type { ChannelListener } from '../../events/channel-listener';
import { runListener, workspaceKey } from '../../events/run-listener';
import type { RunNotice } from '../../runtime/notify';
import type { Actor } from '../actor';
import { assertFilterIds } from '../filter-ids';
import { matchesRunFilter } from '@/shared/run-event-filter';

const id = z.string().min(1, 'must not be empty').max(64, 'is not an id');

export const runEventsInput = z.object({
  /** Only this run and its child runs. */
  runId: id.optional(),
  /** Only runs of this workflow. */
  workflowId: id.optional(),
});

export type RunEventsFilter = z.infer<typeof runEventsInput>;

/** What a live subscriber receives: a run changed, or "re-read everything". */
export type LiveRunEvent =
  | {
      type: 'run';
      runId: string;
      workflowId: string;
      workspaceId: string;
      status: string;
      parentRunId: string | null;
    }
  | { type: 'resync' };

/**
 * A slow client must not make the server hold an unbounded backlog: past this many pending
 * notices they are dropped for one resync, which costs the client one re-read.
 */
const MAX_PENDING = 500;

/**
 * Opens a stream of run events (`events`) only when the filter's ids are the workspace's:
 * checked before the first event, so a foreign id is refused as NOT_FOUND instead of ending a
 * stream that has started.
 */
export async function openRunEvents(
  db: DbTx,
  actor: Actor,
  filter: RunEventsFilter,
  events: () => AsyncGenerator<LiveRunEvent, void, undefined>,
): Promise<AsyncGenerator<LiveRunEvent, void, undefined>> {
  await assertFilterIds(db, actor.workspaceId, filter);
  return events();
}

/**
 * The run changes of the actor's workspace that match `filter`, as they are committed. It
 * yields a resync first (once LISTEN is active) and after every reconnect of the listener,
 * since notices sent meanwhile are lost. Ends, releasing its subscription, on `signal`.
 */
export async function* runEvents(
  actor: Actor,
  filter: RunEventsFilter,
  signal: AbortSignal | undefined,
  listener: ChannelListener<RunNotice> = runListener(),
): AsyncGenerator<LiveRunEvent, void, undefined> {
  let pending: LiveRunEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (event: LiveRunEvent) => {
    if (pending.length >= MAX_PENDING) pending = [{ type: 'resync' }];
    else pending.push(event);
    wake?.();
  };
  const unsubscribe = listener.subscribe(workspaceKey(actor.workspaceId), (notice) => {
    if (notice === null) {
      // Everything before a resync is superseded by the re-read it asks for.
      pending = [];
      push({ type: 'resync' });
    } else if (notice.workspaceId === actor.workspaceId && matchesRunFilter(notice, filter)) {
      push({
        type: 'run',
        runId: notice.runId,
        workflowId: notice.workflowId,
        workspaceId: notice.workspaceId,
        status: notice.status,
        parentRunId: notice.parentRunId ?? null,
      });
    }
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (!signal?.aborted) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const batch = pending;
      pending = [];
      for (const event of batch) {
        if (signal?.aborted) return;
        yield event;
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}
