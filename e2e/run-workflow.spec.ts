import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

async function createWithDefinition(page: Page, name: string, definition: object) {
  await createWorkflow(page, name);
  await importDefinition(page, definition);
  await page.getByLabel('Version message').fill('first version');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
}

test('publish a workflow in the UI, run it with an input, see it succeed', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWithDefinition(page, 'Greeter', {
    schemaVersion: 1,
    name: 'Greeter',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      {
        id: 'greet',
        type: 'set',
        params: { values: { greeting: 'Hello {{ $trim(input.name) }}' } },
      },
      { id: 'shout', type: 'code', params: { code: 'return steps.greet.greeting.toUpperCase();' } },
    ],
    edges: [
      { from: 'start', to: 'greet' },
      { from: 'greet', to: 'shout' },
    ],
  });

  await page.getByLabel('Run input (JSON)').fill('{"name": "Ada"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('group', { name: 'shout', exact: true })).toContainText(
    'Status: succeeded',
  );
  await page.getByRole('link', { name: 'Open run page' }).click();
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await expect(page.getByLabel('Run output')).toContainText('shout: "HELLO ADA"');
  await expect(page.getByRole('table', { name: 'Steps' }).getByRole('row')).toHaveCount(4);
});

test('publishing an invalid draft is refused with the problems listed', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Broken');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Broken',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'call', type: 'http', params: { url: '' } },
    ],
    edges: [{ from: 'start', to: 'call' }],
  });
  // The designer names the problem and will not publish…
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('params.url');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
  await expect(page.getByText('Fix the problem listed under Problems to publish.')).toBeVisible();

  // …and the server refuses it too, listing the problems.
  const id = page.url().split('/').pop()!;
  const res = await page.request.post('/api/trpc/workflow.publish', {
    headers: { 'content-type': 'application/json', 'x-miniflow-workspace': 'default' },
    data: { json: { id, message: '' } },
  });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('Cannot publish: nodes[1].params.url');
});

test('publish a webhook workflow in the UI, call the webhook, see the run succeed', async ({
  page,
  request,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWithDefinition(page, 'Order hook', {
    schemaVersion: 1,
    name: 'Order hook',
    nodes: [
      { id: 'hook', type: 'webhook', params: { path: 'orders/new', method: 'POST' } },
      { id: 'total', type: 'transform', params: { expression: '$sum(input.body.items.price)' } },
      {
        id: 'reply',
        type: 'respond',
        params: {
          status: 201,
          body: { received: '{{ input.body.id }}', total: '{{ steps.total }}' },
        },
      },
    ],
    edges: [
      { from: 'hook', to: 'total' },
      { from: 'total', to: 'reply' },
    ],
  });

  const res = await request.post('/api/hooks/default/orders/new', {
    data: { id: 'o-42', items: [{ price: 5 }, { price: 7.5 }] },
  });
  expect(res.status()).toBe(201);
  expect(await res.json()).toEqual({ received: 'o-42', total: 12.5 });
  const runId = res.headers()['x-miniflow-run-id'];
  expect(runId).toBeTruthy();

  await page.goto(`/w/default/runs/${runId}`);
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await page.goto('/w/default/runs');
  await expect(page.getByRole('link', { name: runId! })).toBeVisible();
});
