import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

test.use({
  viewport: { width: 1600, height: 1000 },
  permissions: ['clipboard-read', 'clipboard-write'],
});

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const problems = (page: Page) => page.getByRole('list', { name: 'Problems' });

async function publish(page: Page) {
  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');
  await page.getByLabel('Version message').fill('first');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
}

test('a second trigger replaces the first, and undo brings it back', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Replace trigger');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Replace trigger',
    nodes: [
      {
        id: 'manual',
        type: 'manual',
        name: 'Manual Trigger',
        params: {},
        position: { x: 0, y: 0 },
      },
      {
        id: 'set',
        type: 'set',
        name: 'Set Fields',
        params: { values: {} },
        position: { x: 300, y: 0 },
      },
    ],
    edges: [{ from: 'manual', to: 'set' }],
  });
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  await page
    .getByRole('region', { name: 'Steps' })
    .getByRole('button', { name: 'Webhook Trigger' })
    .click();
  await expect(
    problems(page).getByRole('button', { name: /A workflow has exactly one trigger/ }),
  ).toBeVisible();
  const notice = page.getByRole('note', { name: 'Replace trigger' });
  await expect(notice).toContainText('already has Manual Trigger');
  await notice.getByRole('button', { name: 'Replace trigger' }).click();

  await expect(node(page, 'Manual Trigger')).toHaveCount(0);
  await expect(node(page, 'Webhook Trigger')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(problems(page).getByText(/exactly one trigger/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(node(page, 'Manual Trigger')).toBeVisible();
  await expect(node(page, 'Webhook Trigger')).toBeVisible();
});

test('the webhook URL is shown with a copy button and a curl call, and answers', async ({
  page,
  baseURL,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Webhook address');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Webhook address',
    nodes: [
      {
        id: 'hook',
        type: 'webhook',
        name: 'Hook',
        params: { path: 'x' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'echo',
        type: 'transform',
        name: 'Echo',
        params: { expression: '{ "got": prev.body.n }' },
        position: { x: 250, y: 0 },
      },
    ],
    edges: [{ from: 'hook', to: 'echo' }],
  });
  await node(page, 'Hook').click();
  await page.getByRole('textbox', { name: 'Path', exact: true }).fill('address/check');
  const url = `${baseURL}/api/hooks/default/address/check`;
  await expect(page.getByRole('textbox', { name: 'Webhook URL' })).toHaveValue(url);
  await page.getByRole('button', { name: 'Copy webhook URL' }).click();
  await expect(page.getByText('Copied', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.getByLabel('curl example', { exact: true })).toContainText(
    `curl -X POST '${url}'`,
  );
  await page.getByRole('button', { name: 'Copy curl example' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`-d '{"hello"`);

  // After publishing, the address is shown with the confirmation too.
  await page.getByRole('region', { name: 'Canvas' }).click({ position: { x: 600, y: 500 } });
  await expect(page.getByRole('textbox', { name: 'Webhook URL' })).toHaveCount(0);
  await publish(page);
  await expect(
    page.getByRole('form', { name: 'Publish' }).getByRole('textbox', { name: 'Webhook URL' }),
  ).toHaveValue(url);

  const res = await page.request.post(url, { data: { n: 7 } });
  expect(res.status()).toBe(200);
  expect(JSON.stringify(await res.json())).toContain('"got":7');
});

test('a webhook workflow is test-run from a request built in the request editor', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Request editor');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Request editor',
    nodes: [
      {
        id: 'hook',
        type: 'webhook',
        name: 'Hook',
        params: { path: 'orders/quote' },
        position: { x: 0, y: 0 },
      },
      {
        id: 'total',
        type: 'transform',
        name: 'Total',
        params: {
          expression: '{ "total": prev.body.qty * prev.body.price, "from": prev.headers."x-shop" }',
        },
        position: { x: 250, y: 0 },
      },
      {
        id: 'check',
        type: 'if',
        name: 'Check',
        params: { condition: 'prev.total > 100' },
        position: { x: 500, y: 0 },
      },
      { id: 'big', type: 'noop', name: 'Big', params: {}, position: { x: 750, y: -100 } },
      { id: 'small', type: 'noop', name: 'Small', params: {}, position: { x: 750, y: 100 } },
    ],
    edges: [
      { from: 'hook', to: 'total' },
      { from: 'total', to: 'check' },
      { from: 'check', to: 'big', fromPort: 'true' },
      { from: 'check', to: 'small', fromPort: 'false' },
    ],
  });
  await publish(page);

  await page.getByLabel('Request method').selectOption('PUT');
  await page.getByLabel(/^Request headers/).fill('X-Shop: north');
  await page.getByLabel('Request body (JSON)').fill('{"qty": 2, "price": 80}');
  const input = JSON.parse(await page.getByLabel('Run input (JSON)').inputValue()) as unknown;
  expect(input).toEqual({
    method: 'PUT',
    path: 'orders/quote',
    headers: { 'x-shop': 'north', 'content-type': 'application/json' },
    query: {},
    body: { qty: 2, price: 80 },
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(node(page, 'Big')).toContainText('Status: succeeded');
  await expect(node(page, 'Small')).toContainText('Status: skipped');
  await node(page, 'Total').click();
  await expect(page.getByRole('group', { name: 'Output of Total attempt 1' })).toContainText(
    'north',
  );
});
