import { createServer, type Server } from 'node:http';
import { createTRPCClient, TRPCClientError } from '@trpc/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '@/server/api/root';
import { appRouter } from '@/server/api/root';
import { createContext } from '@/server/api/trpc';
import { freePort } from '@/server/db/embedded-postgres';
import { closeRunListener } from '@/server/events/run-listener';
import type { LiveRunEvent } from '@/server/services/live/run-events';
import { createMember, createWorkspace } from '@/test/fixtures';
import { edge, node, publish, startRun } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { testEventSource } from '@/test/test-event-source';
import { trpcLinks } from './links';

afterAll(closeRunListener);

/** The tRPC endpoint as the user `userId`; counts the requests it answers. */
async function serve(port: number, userId: string) {
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: ({ info }) =>
      createContext({ userId, workspaceSlug: info.connectionParams?.workspace ?? null }),
  });
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function setUp() {
  const workspace = await createWorkspace();
  const owner = await createMember(workspace.id, 'owner');
  const actor = { userId: owner.id, workspaceId: workspace.id, role: 'owner' as const };
  const { workflowId } = await publish(actor, {
    name: 'Inline',
    nodes: [node('start', 'manual'), node('v', 'set', { values: { ok: true } })],
    edges: [edge('start', 'v')],
  });
  return { slug: workspace.slug, actor, start: () => startRun(actor, workflowId) };
}

describe('live subscriptions through the client links', () => {
  it.each(['close', 'stall'] as const)(
    'open the stream again after a server restart (an EventSource that %ss)',
    async (mode) => {
      const { slug, actor, start } = await setUp();
      const port = await freePort();
      let server = await serve(port, actor.userId);
      const client = createTRPCClient<AppRouter>({
        links: trpcLinks({
          url: `http://127.0.0.1:${port}/api/trpc`,
          workspace: () => slug,
          EventSource: testEventSource(mode),
        }),
      });
      const events: LiveRunEvent[] = [];
      const resyncs = () => events.filter((e) => e.type === 'resync').length;
      const heard = (runId: string) => events.some((e) => e.type === 'run' && e.runId === runId);
      const subscription = client.live.runs.subscribe({}, { onData: (e) => events.push(e) });
      try {
        await waitUntil('the first resync', () => resyncs() === 1);
        const before = await start();
        await waitUntil('the run before the restart', () => heard(before.runId));

        await server.stop();
        await new Promise((r) => setTimeout(r, 500));
        server = await serve(port, actor.userId);

        await waitUntil('a resync after the restart', () => resyncs() === 2);
        const after = await start();
        await waitUntil('the run after the restart', () => heard(after.runId));
      } finally {
        subscription.unsubscribe();
        await server.stop();
      }
    },
    40_000,
  );

  it('does not retry a refusal', async () => {
    const { slug } = await setUp();
    const outsider = await createMember((await createWorkspace()).id, 'owner');
    const port = await freePort();
    const server = await serve(port, outsider.id);
    const client = createTRPCClient<AppRouter>({
      links: trpcLinks({
        url: `http://127.0.0.1:${port}/api/trpc`,
        workspace: () => slug,
        EventSource: testEventSource('close'),
      }),
    });
    let failure: unknown;
    const subscription = client.live.runs.subscribe({}, { onError: (e) => (failure = e) });
    try {
      await waitUntil('the failure', () => failure !== undefined);
      expect(failure).toBeInstanceOf(TRPCClientError);
      expect((failure as TRPCClientError<AppRouter>).data?.code).toBe('NOT_FOUND');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(server.requests()).toBe(1);
    } finally {
      subscription.unsubscribe();
      await server.stop();
    }
  });
});
