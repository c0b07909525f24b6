import { beforeAll, describe, expect, it } from 'vitest';
import { StepError } from '../../engine/steps/step-type';
import { guardedHttpFixture } from '@/test/guarded-http-test-server';

const fx = guardedHttpFixture();
const { client, get, failure, toLoopback } = fx;
let base: string;
let port: number;
beforeAll(() => {
  ({ base, port } = fx.server);
});

describe('GuardedHttp with the private network allowed', () => {
  it('parses JSON, keeps text, and returns status and headers', async () => {
    const http = client();
    expect(await http.request(get(`${base}/json`))).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { ok: true, items: [1, 2] },
    });
    expect(await http.request(get(`${base}/text`))).toMatchObject({
      status: 200,
      headers: { 'x-custom': 'yes' },
      body: 'hello',
    });
    expect((await http.request(get(`${base}/broken-json`))).body).toBe('{not json');
    expect((await http.request(get(`${base}/gzip`))).body).toEqual({
      zipped: true,
    });
    expect(await http.request(get(`${base}/status/503`))).toMatchObject({
      status: 503,
      body: { error: 'down' },
    });
  });

  it('sends method, headers and body', async () => {
    const res = await client().request(
      get(`${base}/echo`, {
        method: 'POST',
        headers: { Authorization: 'Bearer t', Host: 'evil' },
        body: '{"a":1}',
      }),
    );
    expect(res.body).toEqual({
      method: 'POST',
      body: '{"a":1}',
      auth: 'Bearer t',
      host: `127.0.0.1:${port}`,
    });
  });

  it('follows redirects, re-checking every hop', async () => {
    const http = client();
    expect((await http.request(get(`${base}/r1`))).body).toEqual({
      ok: true,
      items: [1, 2],
    });
    expect(
      (await http.request(get(`${base}/post-303`, { method: 'POST', body: 'x' }))).body,
    ).toMatchObject({
      method: 'GET',
      body: '',
    });
    expect(
      (await http.request(get(`${base}/keep-307`, { method: 'POST', body: 'x' }))).body,
    ).toMatchObject({
      method: 'POST',
      body: 'x',
    });
    const loop = await failure(http.request(get(`${base}/loop`)));
    expect(loop.message).toBe('Too many redirects (more than 5)');
    const metadata = await failure(http.request(get(`${base}/to-metadata`)));
    expect(metadata).toBeInstanceOf(StepError);
    expect(metadata.message).toMatch(/Refused to connect to 169\.254\.169\.254.*metadata/);
    expect((metadata as StepError).options.retryable).toBe(false);
    expect((await failure(http.request(get(`${base}/to-file`)))).message).toMatch(
      /only http and https/,
    );
    const noFollow = client({ allowPrivateNetwork: true, maxRedirects: 0 });
    expect(await noFollow.request(get(`${base}/r1`))).toMatchObject({
      status: 302,
      headers: { location: '/r2' },
    });
  });

  it('does not hand credentials to another origin on redirect', async () => {
    const http = client({ allowPrivateNetwork: true, resolve: toLoopback });
    const res = await http.request(
      get(`${base}/to-other-origin`, {
        headers: { authorization: 'Bearer t' },
      }),
    );
    expect(res.body).toMatchObject({ auth: null, host: `other.test:${port}` });
  });

  it('caps the response size, also when chunked or compressed', async () => {
    const http = client({
      allowPrivateNetwork: true,
      maxResponseBytes: 1024 * 1024,
    });
    for (const path of ['/big', '/big-chunked', '/zip-bomb']) {
      const err = await failure(http.request(get(`${base}${path}`)));
      expect(err.message, path).toBe('Response body exceeds the limit of 1 MB');
    }
    expect((await http.request(get(`${base}/json`))).status).toBe(200);
  });

  it('times out, and honours the caller signal', async () => {
    const http = client();
    const started = performance.now();
    const err = await failure(http.request(get(`${base}/hang`, { timeoutMs: 200 })));
    expect(err.message).toBe('Request timed out after 200 ms');
    expect((err as StepError).options.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    const controller = new AbortController();
    const pending = http.request(get(`${base}/hang`), controller.signal);
    controller.abort(new Error('run cancelled'));
    expect((await failure(pending)).message).toBe('run cancelled');
  });
});
