import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-context';
import { httpStep } from './http';
import { StepError } from './step-type';

const parse = (p: unknown) => httpStep.params.parse(p);

async function failure(promise: Promise<unknown>): Promise<StepError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StepError);
  return err as StepError;
}

describe('http step', () => {
  it('sends the request through ctx.http and outputs status, headers and body', async () => {
    const ctx = fakeContext({
      http: () => ({
        status: 201,
        headers: { 'content-type': 'application/json' },
        body: { id: 7 },
      }),
    });
    const p = parse({
      method: 'POST',
      url: 'https://api.example.com/orders?x=1',
      headers: { Authorization: 'Bearer t' },
      query: { tag: 'a b' },
      body: { item: 'book' },
      timeoutMs: 5000,
    });
    const result = await httpStep.execute(p, ctx);
    expect(result).toEqual({
      output: {
        status: 201,
        headers: { 'content-type': 'application/json' },
        body: { id: 7 },
      },
    });
    expect(ctx.httpRequests).toEqual([
      {
        method: 'POST',
        url: 'https://api.example.com/orders?x=1&tag=a+b',
        headers: {
          Authorization: 'Bearer t',
          'content-type': 'application/json',
        },
        body: '{"item":"book"}',
        timeoutMs: 5000,
      },
    ]);
  });

  it('sends text bodies as they are, keeps a given content-type and drops GET bodies', async () => {
    const ctx = fakeContext();
    await httpStep.execute(
      parse({
        method: 'PUT',
        url: 'https://a.example/x',
        headers: { 'Content-Type': 'text/csv' },
        body: 'a,b',
      }),
      ctx,
    );
    await httpStep.execute(parse({ url: 'https://a.example/y', body: { ignored: true } }), ctx);
    expect(ctx.httpRequests[0]).toMatchObject({
      headers: { 'Content-Type': 'text/csv' },
      body: 'a,b',
    });
    expect(ctx.httpRequests[1]).toMatchObject({
      method: 'GET',
      body: undefined,
      timeoutMs: 30000,
    });
  });

  it('fails on non-2xx: 5xx, 408, 425 and 429 retryable, other 4xx not; listed statuses accepted', async () => {
    const status = (s: number) =>
      fakeContext({ http: () => ({ status: s, headers: {}, body: 'x' }) });
    const e500 = await failure(httpStep.execute(parse({ url: 'https://a.example' }), status(503)));
    expect(e500.message).toBe('HTTP 503 from GET https://a.example/');
    expect(e500.options).toEqual({
      retryable: true,
      details: { status: 503, body: 'x' },
    });
    const e404 = await failure(httpStep.execute(parse({ url: 'https://a.example' }), status(404)));
    expect(e404.options.retryable).toBe(false);
    for (const transient of [408, 425, 429]) {
      const e = await failure(
        httpStep.execute(parse({ url: 'https://a.example' }), status(transient)),
      );
      expect(e.options.retryable, String(transient)).toBe(true);
    }
    const ok = await httpStep.execute(
      parse({ url: 'https://a.example', allowStatuses: [404] }),
      status(404),
    );
    expect(ok).toEqual({ output: { status: 404, headers: {}, body: 'x' } });
  });

  it('turns network errors into retryable step errors and keeps refusals as they are', async () => {
    const down = fakeContext({
      http: () => {
        throw new Error('connect ECONNREFUSED');
      },
    });
    const e = await failure(httpStep.execute(parse({ url: 'https://a.example' }), down));
    expect(e.message).toMatch(/GET https:\/\/a\.example\/ failed: connect ECONNREFUSED/);
    expect(e.options.retryable).toBe(true);
    const refusal = new StepError('Refused: 10.0.0.1 is a private address', {
      retryable: false,
    });
    const guarded = fakeContext({
      http: () => {
        throw refusal;
      },
    });
    expect(await failure(httpStep.execute(parse({ url: 'https://a.example' }), guarded))).toBe(
      refusal,
    );
  });

  it('refuses URLs that are not absolute http(s)', async () => {
    for (const url of ['/relative', 'ftp://a.example/f', 'file:///etc/passwd']) {
      const e = await failure(httpStep.execute(parse({ url }), fakeContext()));
      expect(e.options.retryable).toBe(false);
    }
  });

  it('rejects bad params', () => {
    for (const bad of [
      {},
      { url: '' },
      { url: 'https://a.example', method: 'FETCH' },
      { url: 'https://a.example', timeoutMs: 0 },
      { url: 'https://a.example', timeoutMs: 1.5 },
      { url: 'https://a.example', allowStatuses: [99] },
      { url: 'https://a.example', headers: { a: 1 } },
    ]) {
      expect(httpStep.params.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('http step with a credential', () => {
  it('adds the header the credential gives', async () => {
    const ctx = fakeContext();
    const asked: string[] = [];
    ctx.secrets = {
      get: async () => undefined,
      httpHeaders: async (name) => {
        asked.push(name);
        return { authorization: 'Bearer from-credential' };
      },
    };
    await httpStep.execute(parse({ url: 'https://api.example.com/me', credential: 'API' }), ctx);
    expect(asked).toEqual(['API']);
    expect(ctx.httpRequests[0]!.headers).toEqual({ authorization: 'Bearer from-credential' });
  });

  it('fails without retries when the credential cannot be used', async () => {
    const ctx = fakeContext();
    ctx.secrets = {
      get: async () => undefined,
      httpHeaders: async (name) => {
        throw new Error(`Credential "${name}" is not an HTTP credential`);
      },
    };
    const err = await failure(
      httpStep.execute(parse({ url: 'https://api.example.com/me', credential: 'DB' }), ctx),
    );
    expect(err.message).toBe('Credential "DB" is not an HTTP credential');
    expect(err.options.retryable).toBe(false);
  });
});
