import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { metrics } from '@/server/metrics/metrics';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';

afterAll(closeRunListener);

async function hooks(
  paths: string[],
  rateLimit?: { perSecond: number; burst: number },
): Promise<{ workspaceId: string; urls: string[] }> {
  const actor = await ownerActor();
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  for (const path of paths) {
    await publish(actor, {
      name: `Hook ${path}`,
      nodes: [node('hook', 'webhook', { path, ...(rateLimit ? { rateLimit } : {}) })],
      edges: [],
    });
  }
  return {
    workspaceId: ws.id,
    urls: paths.map((path) => `http://localhost/api/hooks/${ws.slug}/${path}`),
  };
}

/** A request whose body records whether anything read it. */
function watchedPost(url: string) {
  const seen = { read: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.read = true;
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
  return { request, seen };
}

const post = (url: string) => handleWebhook(new Request(url, { method: 'POST', body: '{}' }));

describe('webhook rate limits', () => {
  it('refuse requests past a webhook limit with 429 before reading the body', async () => {
    const { workspaceId, urls } = await hooks(['limited'], { perSecond: 0.01, burst: 2 });
    const [url] = urls as [string];
    const admitted = watchedPost(url);
    const first = await handleWebhook(admitted.request);
    expect(first.status).toBe(200);
    expect(admitted.seen.read).toBe(true);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect((await post(url)).status).toBe(200);

    const { request, seen } = watchedPost(url);
    const refused = await handleWebhook(request);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(90);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect((await refused.json()).error.message).toMatch(/over its rate limit/);
    expect(seen.read).toBe(false);
    const counted = (await metrics().rateLimited.get()).values;
    expect(counted.find((v) => v.labels.scope === 'hook')?.value).toBeGreaterThanOrEqual(1);
    expect(await db.run.count({ where: { workspaceId } })).toBe(2);
  });

  it('apply the workspace default to webhooks that set none', async () => {
    const { workspaceId, urls } = await hooks(['default-a', 'default-b']);
    await db.workspace.update({
      where: { id: workspaceId },
      data: { hookRatePerSecond: 0.01, hookRateBurst: 1 },
    });
    const [a, b] = urls as [string, string];
    expect((await post(a)).status).toBe(200);
    expect((await post(a)).status).toBe(429);
    // Each webhook has its own bucket.
    expect((await post(b)).status).toBe(200);
  });

  it('limit all webhooks of a workspace together', async () => {
    const { workspaceId, urls } = await hooks(['all-a', 'all-b']);
    await db.workspace.update({
      where: { id: workspaceId },
      data: { allHooksRatePerSecond: 0.01, allHooksRateBurst: 3 },
    });
    const [a, b] = urls as [string, string];
    const statuses = [];
    for (const url of [a, b, a, b]) statuses.push((await post(url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('leave webhooks without any limit unlimited and without headers', async () => {
    const { workspaceId, urls } = await hooks(['free']);
    const res = await post(urls[0]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();
    expect(await db.rateBucket.count({ where: { key: { contains: workspaceId } } })).toBe(0);
  });
});
