import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { edge, node, ownerActor, publish } from '@/test/runtime-fixtures';
import { POST as routePost } from '@/app/api/hooks/[workspace]/[...path]/route';
import { handleWebhook } from './handle-webhook';

afterAll(closeRunListener);

let slug: string;
const hook = (path: string, query = '') => `http://localhost/api/hooks/${slug}/${path}${query}`;

// Echo workflows: the webhook node is the only leaf, so the run output is the run input.
beforeAll(async () => {
  const actor = await ownerActor();
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
  const echo = async (name: string, params: Record<string, unknown>) =>
    publish(actor, { name, nodes: [node('hook', 'webhook', params)], edges: [] });
  await echo('Echo', { path: 'echo' });
  await echo('Echo by GET', { path: 'echo', method: 'GET' });
  await echo('Unsigned secret', { path: 'unset-secret', secret: 'not_configured' });
  await publish(actor, {
    name: 'Wide',
    nodes: [node('hook', 'webhook', { path: 'deep/er/path', method: 'PUT' }), node('ok', 'noop')],
    edges: [edge('hook', 'ok')],
  });
});

const send = (url: string, init: RequestInit & { duplex?: 'half' } = {}) =>
  handleWebhook(new Request(url, { method: 'POST', ...init }));

async function echoed(res: Response) {
  expect(res.status).toBe(200);
  return ((await res.json()) as { hook: Record<string, unknown> }).hook;
}

describe('webhook routing', () => {
  it('answers the same 404 for an unknown path and an unknown workspace', async () => {
    const unknownPath = await send(hook('nope'));
    const unknownWorkspace = await send(`http://localhost/api/hooks/no-such-ws/echo`);
    expect(unknownPath.status).toBe(404);
    expect(unknownWorkspace.status).toBe(404);
    expect(await unknownWorkspace.json()).toEqual(await unknownPath.json());
  });

  it('answers 405 with Allow for a known path and a wrong method', async () => {
    const res = await send(hook('deep/er/path'), { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('PUT');
    const both = await send(hook('echo'), { method: 'DELETE' });
    expect(both.headers.get('allow')).toBe('GET, POST');
    const head = await send(hook('echo'), { method: 'HEAD' });
    expect(head.status).toBe(405);
    const ok = await send(hook('deep/er/path'), { method: 'PUT' });
    expect(ok.status).toBe(200);
  });

  it('is served by the Next route with the params it parsed', async () => {
    const params = Promise.resolve({ workspace: slug, path: ['deep', 'er', 'path'] });
    const res = await routePost(new Request(hook('deep/er/path'), { method: 'POST' }), { params });
    expect(res.status).toBe(405);
  });

  it('uses the target the router parsed when it is given', async () => {
    const res = await handleWebhook(new Request('http://localhost/elsewhere', { method: 'GET' }), {
      target: { workspace: slug, path: 'echo' },
    });
    expect((await echoed(res)).method).toBe('GET');
  });
});

describe('webhook run input', () => {
  it('passes method, path, lower-case headers without credentials, query and JSON body', async () => {
    const res = await send(hook('echo', '?a=1&tag=x&tag=y'), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'X-Custom': 'yes',
        Cookie: 'session=secret',
        Authorization: 'Bearer secret',
      },
      body: JSON.stringify({ order: { id: 7 } }),
    });
    const input = await echoed(res);
    expect(input).toMatchObject({
      method: 'POST',
      path: 'echo',
      query: { a: '1', tag: ['x', 'y'] },
      body: { order: { id: 7 } },
    });
    expect(input.headers).toMatchObject({ 'x-custom': 'yes' });
    expect(input.headers).not.toHaveProperty('cookie');
    expect(input.headers).not.toHaveProperty('authorization');
  });

  it('parses form fields and keeps other bodies as text', async () => {
    const form = await send(hook('echo'), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada&lang=en&lang=fr',
    });
    expect((await echoed(form)).body).toEqual({ name: 'Ada', lang: ['en', 'fr'] });
    const text = await send(hook('echo'), { headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect((await echoed(text)).body).toBe('a,b');
    const none = await send(hook('echo'), { method: 'GET' });
    expect((await echoed(none)).body).toBeNull();
  });

  it('answers 400 naming the problem for malformed JSON', async () => {
    const res = await send(hook('echo'), {
      headers: { 'content-type': 'application/json' },
      body: '{"order": ',
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('answers 400 for input PostgreSQL cannot store', async () => {
    const res = await send(hook('echo'), {
      headers: { 'content-type': 'application/json' },
      body: '{"a":"\\u0000"}',
    });
    expect(res.status).toBe(400);
  });
});

describe('webhook limits', () => {
  it('answers 413 for a body over the limit', async () => {
    const res = await handleWebhook(
      new Request(hook('echo'), { method: 'POST', body: 'x'.repeat(2048) }),
      { limits: { maxBytes: 1024 } },
    );
    expect(res.status).toBe(413);
    const exact = await handleWebhook(
      new Request(hook('echo'), { method: 'POST', body: 'x'.repeat(1024) }),
      { limits: { maxBytes: 1024 } },
    );
    expect(exact.status).toBe(200);
  });

  it('stops reading a streamed body once it passes the limit', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const res = await send(hook('echo'), { body, duplex: 'half' });
    expect(res.status).toBe(413);
    // 1 MB by default: about 65 chunks of 16 KB, far from the 16 MB on offer.
    expect(pulled).toBeLessThan(80);
  });

  it('refuses at once from a Content-Length over the limit', async () => {
    const res = await handleWebhook(
      new Request(hook('echo'), {
        method: 'POST',
        headers: { 'content-length': '5000' },
        body: 'small',
      }),
      { limits: { maxBytes: 1024 } },
    );
    expect(res.status).toBe(413);
  });
});

describe('webhook signatures', () => {
  it('refuses every request when the secret is not configured', async () => {
    const res = await send(hook('unset-secret'), { body: 'x' });
    expect(res.status).toBe(401);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toMatch(/not configured/);
    expect(error.message).not.toMatch(/not_configured/);
  });
});
