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

describe('GuardedHttp SSRF guard (default options)', () => {
  it('refuses loopback and other private addresses without connecting', async () => {
    const http = client({});
    const before = fx.server.seen.length;
    for (const url of [
      `${base}/json`,
      `http://[::1]:${port}/json`,
      `http://[::ffff:127.0.0.1]:${port}/json`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://0.0.0.0/',
      `http://localhost:${port}/json`,
    ]) {
      const err = await failure(http.request(get(url)));
      expect(err, url).toBeInstanceOf(StepError);
      expect(err.message, url).toMatch(/^Refused to connect to /);
      expect((err as StepError).options.retryable).toBe(false);
    }
    expect(fx.server.seen.length).toBe(before);
  });

  it('checks the address a name resolves to at connect time', async () => {
    // A public-looking name whose DNS answer is loopback (as in DNS rebinding).
    const guarded = client({ resolve: toLoopback });
    const err = await failure(guarded.request(get(`http://rebind.example:${port}/json`)));
    expect(err.message).toBe(
      'Refused to connect to rebind.example: 127.0.0.1 is a loopback address',
    );
    const mixed = client({
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    });
    expect(
      (await failure(mixed.request(get(`http://mixed.example:${port}/json`)))).message,
    ).toMatch(/loopback/);
    // The same name is reachable once the private network is allowed: the check is what stopped it.
    const allowed = client({ allowPrivateNetwork: true, resolve: toLoopback });
    expect((await allowed.request(get(`http://rebind.example:${port}/json`))).body).toEqual({
      ok: true,
      items: [1, 2],
    });
  });

  it('allowedCidrs opens only the listed addresses', async () => {
    const http = client({ allowedCidrs: ['127.0.0.1/32'] });
    expect((await http.request(get(`${base}/json`))).status).toBe(200);
    expect((await failure(http.request(get(`http://127.0.0.2:${port}/json`)))).message).toMatch(
      /loopback/,
    );
  });

  it('refuses bad URLs and URL credentials', async () => {
    const http = client();
    expect((await failure(http.request(get('not a url')))).message).toMatch(/Invalid URL/);
    expect((await failure(http.request(get('ftp://example.com/x')))).message).toMatch(
      /only http and https/,
    );
    expect((await failure(http.request(get(`http://u:p@127.0.0.1:${port}/`)))).message).toMatch(
      /Credentials/,
    );
  });
});
