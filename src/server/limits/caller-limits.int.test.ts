import { afterAll, describe, expect, it } from 'vitest';
import { closeRunListener } from '@/server/events/run-listener';
import { handleOfrep } from '@/server/flags/ofrep';
import { keyFor, rest } from '@/server/rest/rest-test-kit';
import { callerFor } from '@/test/fixtures';
import { workspaceFixture } from '@/test/workspace-fixture';

// Read when the environment is first parsed, during the first test.
process.env.MINIFLOW_API_KEY_RATE_PER_SECOND = '1';
process.env.MINIFLOW_API_KEY_BURST = '3';
process.env.MINIFLOW_USER_MUTATION_RATE_PER_SECOND = '1';
process.env.MINIFLOW_USER_MUTATION_BURST = '3';

afterAll(closeRunListener);

describe('rate limits of callers', () => {
  it('answer an API key over its limit 429 with Retry-After, before reading the body', async () => {
    const fixture = await workspaceFixture();
    const key = await keyFor(fixture, 'viewer');
    for (let i = 0; i < 3; i++) expect((await rest('GET', '/workflows', { key })).status).toBe(200);
    const refused = await rest('GET', '/workflows', { key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(refused.body).toMatchObject({ detail: expect.stringMatching(/API key is over/) });
    // Another key of the same workspace has its own bucket.
    const other = await keyFor(fixture, 'viewer');
    expect((await rest('GET', '/workflows', { key: other })).status).toBe(200);
  });

  it('count OFREP evaluations against the same key, and bound their bodies', async () => {
    const fixture = await workspaceFixture();
    const key = await keyFor(fixture, 'viewer');
    const evaluate = (body: string) =>
      handleOfrep(
        new Request('http://localhost/ofrep/v1/evaluate/flags', {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body,
        }),
        undefined,
      );
    const huge = await evaluate(JSON.stringify({ context: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({
      errorDetails: expect.stringMatching(/MINIFLOW_API_MAX_BODY_BYTES/),
    });
    expect((await evaluate('{"context":{}}')).status).toBe(200);
    expect((await evaluate('{"context":{}}')).status).toBe(200);
    const refused = await evaluate('{"context":{}}');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
  });

  it('refuse a signed-in user too many changes, but not reads', async () => {
    const fixture = await workspaceFixture();
    const caller = callerFor(fixture.members.editor, fixture.slug);
    for (let i = 0; i < 3; i++) await caller.workflow.create({ name: `Limited ${i}` });
    await expect(caller.workflow.create({ name: 'One too many' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/try again in 1 s/),
    });
    await expect(caller.workflow.list()).resolves.toBeTruthy();
  });
});
