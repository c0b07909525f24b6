import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { waitUntil } from '@/test/runtime-waits';
import { closeRunListener, createRunListener } from '@/server/events/run-listener';
import type { ChannelListener } from '@/server/events/channel-listener';
import { notifyRun, type RunNotice } from '@/server/runtime/notify';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import type { Actor } from '../actor';
import { cancelRun } from '../runs/cancel-run';
import { webRuntime } from '@/server/runtime/web-runtime';
import { runEvents, type LiveRunEvent, type RunEventsFilter } from './run-events';

const listeners: ChannelListener<RunNotice>[] = [];
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
  await closeRunListener();
});

/** Its own listener, so killing its connection does not disturb other tests. */
function ownListener() {
  const listener = createRunListener(process.env.DATABASE_URL!, { minRetryMs: 50 });
  listeners.push(listener);
  return listener;
}

/** Reads a subscription in the background into `events` until `stop()`. */
function subscribe(
  actor: Actor,
  filter: RunEventsFilter = {},
  listener: ChannelListener<RunNotice> = ownListener(),
) {
  const abort = new AbortController();
  const events: LiveRunEvent[] = [];
  const done = (async () => {
    for await (const event of runEvents(actor, filter, abort.signal, listener)) events.push(event);
  })();
  return {
    events,
    listener,
    runs: () => events.filter((e) => e.type === 'run'),
    resyncs: () => events.filter((e) => e.type === 'resync').length,
    stop: async () => {
      abort.abort();
      await done;
    },
  };
}

async function workspaceWithWorkflows() {
  const actor = await ownerActor();
  // Finishes inline in the starting transaction: one notice, status succeeded.
  const inline = await publish(actor, {
    name: 'Inline',
    nodes: [node('start', 'manual'), node('v', 'set', { values: { ok: true } })],
    edges: [edge('start', 'v')],
  });
  // Waits for a worker (none runs here), so it stays running until cancelled.
  const pending = await publish(actor, {
    name: 'Needs a worker',
    nodes: [node('start', 'manual'), node('c', 'code', { code: 'return 1;' })],
    edges: [edge('start', 'c')],
  });
  return { actor, inline: inline.workflowId, pending: pending.workflowId };
}

describe('live run events', () => {
  it('starts with a resync, then delivers committed run changes of its own workspace only', async () => {
    const a = await workspaceWithWorkflows();
    const b = await workspaceWithWorkflows();
    const subA = subscribe(a.actor);
    const subB = subscribe(b.actor);
    await waitUntil('both resyncs', () => subA.resyncs() && subB.resyncs());
    expect(subA.events[0]).toEqual({ type: 'resync' });

    const run = await startRun(a.actor, a.inline);
    const event = await waitUntil('the run on A', () =>
      subA.runs().find((e) => e.runId === run.runId),
    );
    expect(event).toEqual({
      type: 'run',
      runId: run.runId,
      workflowId: a.inline,
      workspaceId: a.actor.workspaceId,
      status: 'succeeded',
      parentRunId: null,
    });
    // B's handler ran for the same notice in the same dispatch, had it matched.
    await new Promise((r) => setTimeout(r, 100));
    expect(subB.runs()).toEqual([]);

    await subA.stop();
    await subB.stop();
  });

  it('filters by run and by workflow', async () => {
    const ws = await workspaceWithWorkflows();
    const waiting = await startRun(ws.actor, ws.pending);
    const byRun = subscribe(ws.actor, { runId: waiting.runId });
    const byWorkflow = subscribe(ws.actor, { workflowId: ws.inline });
    await waitUntil('both resyncs', () => byRun.resyncs() && byWorkflow.resyncs());

    const inline = await startRun(ws.actor, ws.inline);
    await cancelRun(db, webRuntime(), ws.actor, waiting.runId);

    await waitUntil('the cancellation', () => byRun.runs().find((e) => e.status === 'cancelled'));
    await waitUntil('the inline run', () =>
      byWorkflow.runs().find((e) => e.runId === inline.runId),
    );
    expect(byRun.runs().every((e) => e.type === 'run' && e.runId === waiting.runId)).toBe(true);
    expect(byWorkflow.runs().every((e) => e.type === 'run' && e.workflowId === ws.inline)).toBe(
      true,
    );
    await byRun.stop();
    await byWorkflow.stop();
  });

  it('resyncs after the listener connection is killed, then delivers later changes', async () => {
    const ws = await workspaceWithWorkflows();
    const sub = subscribe(ws.actor);
    const pid = await waitUntil('a listener connection', () => sub.listener.backendPid);
    await waitUntil('the first resync', () => sub.resyncs() === 1);

    const killed = await db.$queryRaw<{ ok: boolean }[]>`SELECT pg_terminate_backend(${pid}) AS ok`;
    expect(killed[0]?.ok).toBe(true);
    await waitUntil('a resync after the reconnect', () => sub.resyncs() === 2);
    expect(sub.listener.backendPid).not.toBe(pid);

    const run = await startRun(ws.actor, ws.inline);
    await waitUntil('the run', () => sub.runs().find((e) => e.runId === run.runId));
    await sub.stop();
  });

  it('releases its handler when the client goes away', async () => {
    const ws = await workspaceWithWorkflows();
    const listener = ownListener();
    const sub = subscribe(ws.actor, {}, listener);
    await waitUntil('a resync', () => sub.resyncs());
    expect(listener.subscribers).toBe(1);
    await sub.stop();
    expect(listener.subscribers).toBe(0);
  });

  it('delivers changes of child runs to a subscriber of the parent run', async () => {
    const ws = await workspaceWithWorkflows();
    const sub = subscribe(ws.actor, { runId: 'parent-run' });
    await waitUntil('a resync', () => sub.resyncs());
    await notify(ws.actor.workspaceId, [
      { runId: 'child-run', parentRunId: 'parent-run' },
      { runId: 'unrelated-run', parentRunId: 'other-parent' },
      { runId: 'parent-run' },
    ]);
    await waitUntil('the parent run', () => sub.runs().find((e) => e.runId === 'parent-run'));
    expect(sub.runs().map((e) => e.type === 'run' && e.runId)).toEqual(['child-run', 'parent-run']);
    await sub.stop();
  });

  it('folds a backlog a slow client has not read into one resync', async () => {
    const ws = await workspaceWithWorkflows();
    const listener = ownListener();
    const abort = new AbortController();
    const events = runEvents(ws.actor, {}, abort.signal, listener);
    expect((await events.next()).value).toEqual({ type: 'resync' });

    await notify(
      ws.actor.workspaceId,
      Array.from({ length: 600 }, (_, i) => ({ runId: `run-${i}` })),
    );
    // The last notices after the overflow still arrive, behind the resync.
    const first = await events.next();
    expect(first.value).toEqual({ type: 'resync' });
    const rest: string[] = [];
    for (;;) {
      const { value } = await events.next();
      if (value?.type !== 'run') throw new Error('Expected a run event');
      rest.push(value.runId);
      if (value.runId === 'run-599') break;
    }
    expect(rest.length).toBeLessThan(600);
    abort.abort();
    expect((await events.next()).done).toBe(true);
    expect(listener.subscribers).toBe(0);
  });
});

/** Sends run notices in one transaction, as services do, without making the runs. */
async function notify(
  workspaceId: string,
  notices: { runId: string; parentRunId?: string }[],
): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const notice of notices) {
      await notifyRun(tx, { workspaceId, workflowId: 'wf', status: 'running', ...notice });
    }
  });
}
