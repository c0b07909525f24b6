import { expect, test } from '@playwright/test';
import { OWNER, addMember, signIn, signOut } from './helpers';

const VIEWER = { email: 'viewer@e2e.test', password: 'viewer-password-1' };

test('a viewer cannot create or delete workflows: the UI hides it and the API refuses it', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await expect(page.getByRole('button', { name: 'Create workflow' })).toBeEnabled();
  await page.getByLabel('New workflow name').fill('Owned by owner');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page.getByRole('listitem', { name: 'Owned by owner' })).toBeVisible();

  await addMember(page, VIEWER, 'viewer');
  await signOut(page);

  await signIn(page, VIEWER.email, VIEWER.password);
  await expect(page.getByRole('listitem', { name: 'Owned by owner' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create workflow' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Rename / })).toHaveCount(0);

  const headers = { 'content-type': 'application/json', 'x-miniflow-workspace': 'default' };
  const create = await page.request.post('/api/trpc/workflow.create', {
    headers,
    data: { json: { name: 'Sneaky' } },
  });
  expect(create.status()).toBe(403);
  const list = await page.request.get('/api/trpc/workflow.list', { headers });
  const id = ((await list.json()) as { result: { data: { json: { id: string }[] } } }).result.data
    .json[0]!.id;
  const remove = await page.request.post('/api/trpc/workflow.delete', {
    headers,
    data: { json: { id } },
  });
  expect(remove.status()).toBe(403);

  await page.reload();
  await expect(page.getByRole('listitem', { name: 'Owned by owner' })).toBeVisible();
  await signOut(page);
});

test('health reports the app and its database', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
});

test('metrics are served in Prometheus text, counted by the server around Next', async ({
  request,
}) => {
  const health = await request.get('/api/health', { headers: { 'x-request-id': 'probe-1' } });
  expect(health.headers()['x-request-id']).toBe('probe-1');
  const res = await request.get('/api/metrics');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/plain');
  const text = await res.text();
  // Counted by the Node request handler, read by the bundled route: one registry.
  expect(text).toMatch(/miniflow_http_requests_total\{[^}]*route="\/api\/health"[^}]*\} [1-9]/);
  expect(text).toContain('# TYPE miniflow_runs_started_total counter');
  expect(text).toContain('# TYPE miniflow_step_duration_seconds histogram');
  expect(text).toContain('miniflow_queue_jobs');
  expect(text).toContain('process_cpu_user_seconds_total');
});
