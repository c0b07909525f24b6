import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The real /api/trpc handler refuses oversized bodies and batches before it parses anything
 * or reads the session. The session lookup is replaced by a spy (there is no signed-in user
 * outside a Next request) so the test sees whether it was reached.
 */
const session = vi.hoisted(() => ({ currentSession: vi.fn(async () => null) }));
vi.mock('@/server/auth/config', () => session);

const { POST, GET } = await import('@/app/api/trpc/[trpc]/route');

const base = 'http://localhost/api/trpc';
const MB = 1024 * 1024;

async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { json: { message: string; data: { code: string; httpStatus: number } } };
  };
  return body.error.json;
}

/** A body streamed in chunks with no Content-Length, as `Transfer-Encoding: chunked` sends it. */
function streamed(totalBytes: number, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls += 1;
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return Object.assign(stream, { pulled: () => pulls });
}

beforeEach(() => {
  session.currentSession.mockClear();
});

describe('/api/trpc request limits', () => {
  it('answers 413 naming the limit when Content-Length is over it, unread and unauthenticated', async () => {
    const body = streamed(2 * MB);
    const response = await POST(
      new Request(`${base}/workspace.mine`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(2 * MB) },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({
      message: 'Request body is over the 1 MB limit (MINIFLOW_API_MAX_BODY_BYTES)',
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
    });
    expect((body as unknown as { pulled(): number }).pulled()).toBeLessThanOrEqual(1);
    expect(session.currentSession).not.toHaveBeenCalled();
  });

  it('counts the bytes of a body streamed without a length and stops reading past the limit', async () => {
    const body = streamed(50 * MB);
    const response = await POST(
      new Request(`${base}/workspace.mine`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect((await errorOf(response)).message).toContain('1 MB limit');
    // 1 MB in 64 KB chunks: the reader gave up after about 17 of the 800 chunks.
    expect((body as unknown as { pulled(): number }).pulled()).toBeLessThan(40);
    expect(session.currentSession).not.toHaveBeenCalled();
  });

  it('refuses a batch of more calls than the limit, naming it', async () => {
    const calls = Array.from({ length: 21 }, () => 'workspace.mine').join(',');
    const input = encodeURIComponent(JSON.stringify({}));
    const response = await GET(new Request(`${base}/${calls}?batch=1&input=${input}`));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe(
      'Batch of 21 calls, over the limit of 20 per request (MINIFLOW_API_MAX_BATCH)',
    );
    expect(session.currentSession).not.toHaveBeenCalled();
  });

  it('answers 400, not 500, to a path that is not valid percent-encoding', async () => {
    const response = await GET(new Request(`${base}/%ZZ?input=%7B%7D`));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe('Request path: not a valid procedure name');
  });

  it('passes requests within the limits on to tRPC, body intact', async () => {
    const batch = Array.from({ length: 20 }, () => 'workspace.mine').join(',');
    const ok = await GET(new Request(`${base}/${batch}?batch=1&input=%7B%7D`));
    expect(ok.status).toBe(401);
    expect(session.currentSession).toHaveBeenCalled();

    const text = JSON.stringify({ 0: { json: { padding: 'é'.repeat(1000) } } });
    const posted = await POST(
      new Request(`${base}/workspace.mine?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      }),
    );
    // Reached tRPC, which refuses a query sent as POST: the body was handed on, not lost.
    expect([401, 405]).toContain(posted.status);

    const malformed = await POST(
      new Request(`${base}/workspace.mine`, { method: 'POST', body: '{nope' }),
    );
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).message).toBe('Request body: not valid JSON');
  });
});
