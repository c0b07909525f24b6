import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

test.use({ viewport: { width: 1600, height: 1000 } });

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

async function publish(page: Page) {
  await page.getByLabel('Version message').fill('first');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
}

/** Waits until every node shows its status, all within `ms` of the call. */
async function expectStatuses(page: Page, expected: Record<string, string>, ms: number) {
  const deadline = Date.now() + ms;
  for (const [name, status] of Object.entries(expected)) {
    await expect(node(page, name)).toContainText(`Status: ${status}`, {
      timeout: Math.max(1, deadline - Date.now()),
    });
  }
}

test('ten test runs in a row each show every step final within a second', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Live test runs');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Live test runs',
    nodes: [
      { id: 'start', type: 'manual', name: 'Start', params: {}, position: { x: 0, y: 0 } },
      {
        id: 'price',
        type: 'code',
        name: 'Price',
        params: { code: 'return { total: input.qty * input.price };' },
        position: { x: 250, y: 0 },
      },
      {
        id: 'check',
        type: 'if',
        name: 'Check',
        params: { condition: 'steps.price.total > 100' },
        position: { x: 500, y: 0 },
      },
      {
        id: 'big',
        type: 'set',
        name: 'Big',
        params: { values: { size: 'big' } },
        position: { x: 750, y: -100 },
      },
      {
        id: 'small',
        type: 'set',
        name: 'Small',
        params: { values: { size: 'small' } },
        position: { x: 750, y: 100 },
      },
    ],
    edges: [
      { from: 'start', to: 'price' },
      { from: 'price', to: 'check' },
      { from: 'check', to: 'big', fromPort: 'true' },
      { from: 'check', to: 'small', fromPort: 'false' },
    ],
  });
  await publish(page);

  const runLinks = new Set<string>();
  for (let i = 0; i < 10; i++) {
    // Alternate branches so a run that shows the previous run's statuses cannot pass.
    const big = i % 2 === 0;
    await page.getByLabel('Run input (JSON)').fill(JSON.stringify({ qty: big ? 2 : 1, price: 80 }));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    await expectStatuses(
      page,
      {
        Start: 'succeeded',
        Price: 'succeeded',
        Check: 'succeeded',
        Big: big ? 'succeeded' : 'skipped',
        Small: big ? 'skipped' : 'succeeded',
      },
      1_000,
    );
    await expect(page.getByLabel('Test run status')).toHaveText('succeeded', { timeout: 1 });
    const href = await page.getByRole('link', { name: 'Open run page' }).getAttribute('href');
    runLinks.add(href!);
  }
  expect(runLinks.size).toBe(10);
});

test('an If condition reads the previous step through prev', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Prev in If');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Prev in If',
    nodes: [
      { id: 'start', type: 'manual', name: 'Start', params: {}, position: { x: 0, y: 0 } },
      {
        id: 'total',
        type: 'transform',
        name: 'Total',
        params: { expression: '{ "total": input.qty * input.price }' },
        position: { x: 250, y: 0 },
      },
      { id: 'check', type: 'if', name: 'Check', params: {}, position: { x: 500, y: 0 } },
      { id: 'yes', type: 'noop', name: 'Yes', params: {}, position: { x: 750, y: -100 } },
      { id: 'no', type: 'noop', name: 'No', params: {}, position: { x: 750, y: 100 } },
    ],
    edges: [
      { from: 'start', to: 'total' },
      { from: 'total', to: 'check' },
      { from: 'check', to: 'yes', fromPort: 'true' },
      { from: 'check', to: 'no', fromPort: 'false' },
    ],
  });
  await node(page, 'Check').click();
  const condition = page.getByRole('textbox', { name: 'Condition' });
  await condition.click();
  await page.keyboard.type('pre');
  const completion = page.getByRole('listbox').getByRole('option', { name: /^prev/ });
  await expect(completion).toContainText('output of the step before');
  await completion.click();
  await page.keyboard.type('.total > 100');
  await expect(condition).toHaveText('prev.total > 100');
  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');
  await publish(page);

  await page.getByLabel('Run input (JSON)').fill('{"qty": 2, "price": 80}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expectStatuses(page, { Check: 'succeeded', Yes: 'succeeded', No: 'skipped' }, 5_000);
});
