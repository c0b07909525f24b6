import { expect, test } from '@playwright/test';

test('the favicon is served from public/', async ({ request }) => {
  const response = await request.get('/favicon.ico');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO file starts with reserved 0, type 1 (icon).
  expect([...(await response.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
});

test('/api/trpc refuses a body over the limit before asking who is calling', async ({
  request,
}) => {
  const response = await request.post('/api/trpc/workflow.create', {
    headers: { 'content-type': 'application/json' },
    data: Buffer.alloc(2 * 1024 * 1024, 0x20),
  });
  expect(response.status()).toBe(413);
  expect((await response.json()).error.json.message).toBe(
    'Request body is over the 1 MB limit (MINIFLOW_API_MAX_BODY_BYTES)',
  );
});
