import { expect, test } from '@playwright/test';
import { OWNER, signIn } from './helpers';

const headers = { 'content-type': 'application/json', 'x-miniflow-workspace': 'default' };

interface TrpcError {
  error: { json: { message: string; data: { httpStatus: number; stack?: unknown } } };
}

test('bad input gets a clear 4xx naming the problem, never a 500', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  const post = (procedure: string, body: string) =>
    page.request.post(`/api/trpc/${procedure}`, { headers, data: Buffer.from(body) });

  const cases: { procedure: string; body: string; status: number; message: RegExp }[] = [
    {
      procedure: 'workflow.create',
      body: '{"json":{"name":""}}',
      status: 400,
      message: /^name: must not be empty$/,
    },
    {
      procedure: 'workflow.create',
      body: JSON.stringify({ json: { name: 'x'.repeat(10_000) } }),
      status: 400,
      message: /^name: must be at most 100 characters$/,
    },
    { procedure: 'workflow.create', body: '{"json":{"name":42}}', status: 400, message: /^name: / },
    {
      procedure: 'workflow.create',
      body: '{bad json',
      status: 400,
      message: /^Request body: not valid JSON$/,
    },
    {
      procedure: 'workflow.rename',
      body: '{"json":{"id":"nope","name":"x"}}',
      status: 404,
      message: /^Workflow not found$/,
    },
    { procedure: 'workflow.delete', body: '{"json":{}}', status: 400, message: /^id: / },
    {
      procedure: 'workflow.nonexistent',
      body: '{"json":{}}',
      status: 404,
      message: /No procedure/i,
    },
  ];
  for (const c of cases) {
    const res = await post(c.procedure, c.body);
    expect(res.status(), `${c.procedure} ${c.body.slice(0, 40)}`).toBe(c.status);
    const body = (await res.json()) as TrpcError;
    expect(body.error.json.message).toMatch(c.message);
    expect(body.error.json.data.stack).toBeUndefined();
  }

  const wrongWorkspace = await page.request.get('/api/trpc/workflow.list', {
    headers: { ...headers, 'x-miniflow-workspace': 'someone-elses' },
  });
  expect(wrongWorkspace.status()).toBe(404);

  const list = await page.request.get('/api/trpc/workflow.list', { headers });
  expect(list.status()).toBe(200);
});
