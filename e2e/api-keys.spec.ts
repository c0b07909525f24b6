import { expect, test } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

test('an admin creates a key, copies it once, the key runs a workflow over REST, revoked it gets 401', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Over REST');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Over REST',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'greet', type: 'set', params: { values: { greeting: 'Hello {{ input.name }}' } } },
    ],
    edges: [{ from: 'start', to: 'greet' }],
  });
  await page.getByLabel('Version message').fill('first');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByLabel('Key name').fill('CI pipeline');
  await page.getByLabel('Key role').selectOption('operator');
  await page.getByLabel('Expires in (days, empty: never)').fill('30');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  expect(key).toMatch(/^mf_[0-9A-Za-z]{38}$/);
  await page.getByRole('button', { name: 'Copy key' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  const row = page.getByRole('row', { name: 'API key CI pipeline' });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText('operator');
  await expect(row).toContainText('active');

  // Shown once: after a reload only its prefix remains.
  await page.reload();
  await expect(page.getByRole('row', { name: 'API key CI pipeline' })).toBeVisible();
  await expect(page.getByLabel('New API key')).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);

  const auth = { authorization: `Bearer ${key}` };
  const workflows = await request.get('/api/v1/workflows', { headers: auth });
  expect(workflows.status()).toBe(200);
  const workflow = ((await workflows.json()) as { id: string; name: string }[]).find(
    (w) => w.name === 'Over REST',
  )!;
  const run = await request.post(`/api/v1/workflows/${workflow.id}/runs`, {
    headers: auth,
    data: { input: { name: 'Ada' }, wait: true },
  });
  expect(run.status()).toBe(200);
  expect(await run.json()).toMatchObject({
    status: 'succeeded',
    steps: { greet: { status: 'succeeded', output: { greeting: 'Hello Ada' } } },
  });

  await page.reload();
  await expect(
    page.getByRole('row', { name: 'API key CI pipeline' }).getByRole('cell').nth(6),
  ).not.toHaveText('—');
  await page.getByRole('button', { name: 'Revoke API key CI pipeline' }).click();
  await expect(page.getByRole('row', { name: 'API key CI pipeline' })).toContainText('revoked');

  const refused = await request.get('/api/v1/workflows', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()['content-type']).toBe('application/problem+json');
  expect(await refused.json()).toMatchObject({ status: 401, detail: 'API key revoked' });
});

test('the REST API reference renders the OpenAPI document', async ({ page, request }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByRole('link', { name: 'REST API reference' }).click();
  await expect(page.getByRole('heading', { name: 'REST API reference' })).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'POST /api/v1/workflows/{id}/runs' }),
  ).toBeVisible();
  const document = await request.get('/api/v1/openapi.json');
  expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
});
