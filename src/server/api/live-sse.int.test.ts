import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRunListener, runListener } from '@/server/events/run-listener';
import { createMember, createWorkspace } from '@/test/fixtures';
import { readSse, type SseEvent } from '@/test/read-sse';
import { edge, node, publish, startRun } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { requestWorkspaceSlug } from './request-workspace';
import { appRouter } from './root';
import { createContext } from './trpc';

afterAll(closeRunListener);

/** Opens `live.runs` over HTTP the way the browser's EventSource does, as `userId`. */
async function openStream(userId: string | null, workspace: string, input: object = {}) {
  const abort = new AbortController();
  const params = new URLSearchParams({
    connectionParams: JSON.stringify({ workspace }),
    input: JSON.stringify(superjson.serialize(input)),
  });
  const req = new Request(`http://localhost/api/trpc/live.runs?${params}`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ info }) =>
      createContext({ userId, workspaceSlug: requestWorkspaceSlug(req, info.connectionParams) }),
  });
  const events = readSse(res.body!)[Symbol.asyncIterator]();
  return {
    res,
    /** The next event other than a keep-alive ping. */
    async next(): Promise<SseEvent> {
      for (;;) {
        const { value, done } = await events.next();
        if (done) throw new Error('The stream ended');
        if (value.event !== 'ping') return value;
      }
    },
    close: () => abort.abort(),
  };
}

const payload = (event: SseEvent) => superjson.deserialize(JSON.parse(event.data) as never);

describe('live.runs over server-sent events', () => {
  it('streams a resync, then run changes, to a viewer naming the workspace in the URL', async () => {
    const workspace = await createWorkspace();
    const viewer = await createMember(workspace.id, 'viewer');
    const owner = await createMember(workspace.id, 'owner');
    const actor = { userId: owner.id, workspaceId: workspace.id, role: 'owner' as const };
    const { workflowId } = await publish(actor, {
      name: 'Inline',
      nodes: [node('start', 'manual'), node('v', 'set', { values: { ok: true } })],
      edges: [edge('start', 'v')],
    });

    const stream = await openStream(viewer.id, workspace.slug);
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream');
    expect((await stream.next()).event).toBe('connected');
    expect(payload(await stream.next())).toEqual({ type: 'resync' });

    const run = await startRun(actor, workflowId);
    const event = await stream.next();
    expect(event.event).toBe('message');
    expect(payload(event)).toMatchObject({ type: 'run', runId: run.runId, status: 'succeeded' });

    expect(runListener().subscribers).toBeGreaterThan(0);
    stream.close();
    await waitUntil('no subscriber left', () => runListener().subscribers === 0);
  });

  it('refuses a caller who is not a member of the workspace before streaming anything', async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const outsider = await createMember(other.id, 'owner');
    const stream = await openStream(outsider.id, workspace.slug);
    expect((await stream.next()).event).toBe('connected');
    const refusal = await stream.next();
    expect(refusal.event).toBe('serialized-error');
    expect(payload(refusal)).toMatchObject({ data: { code: 'NOT_FOUND', httpStatus: 404 } });
    stream.close();
    expect(runListener().subscribers).toBe(0);
  });

  it('refuses an anonymous caller', async () => {
    const workspace = await createWorkspace();
    const stream = await openStream(null, workspace.slug);
    expect((await stream.next()).event).toBe('connected');
    const refusal = await stream.next();
    expect(refusal.event).toBe('serialized-error');
    expect(payload(refusal)).toMatchObject({ data: { code: 'UNAUTHORIZED', httpStatus: 401 } });
    stream.close();
  });
});
