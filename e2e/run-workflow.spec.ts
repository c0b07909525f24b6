import { expect, test, type Page } from '@playwright/test';
import { OWNER, signIn } from './helpers';

async function createWithDefinition(page: Page, name: string, definition: object) {
  await page.getByLabel('New workflow name').fill(name);
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await page.getByLabel('Workflow definition (JSON)').fill(JSON.stringify(definition, null, 2));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Revision 1')).toBeVisible();
  await page.getByLabel('Version message').fill('first version');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toHaveText('Published version 1');
}

test('publish a workflow in the UI, run it with an input, see it succeed', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWithDefinition(page, 'Greeter', {
    schemaVersion: 1,
    name: 'Greeter',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'greet', type: 'set', params: { values: { greeting: 'Hello {{ input.name }}' } } },
      { id: 'shout', type: 'code', params: { code: 'return steps.greet.greeting.toUpperCase();' } },
    ],
    edges: [
      { from: 'start', to: 'greet' },
      { from: 'greet', to: 'shout' },
    ],
  });

  await page.getByLabel('Run input (JSON)').fill('{"name": "Ada"}');
  await page.getByRole('button', { name: 'Run workflow' }).click();
  await page.getByRole('status').getByRole('link', { name: /^run / }).click();
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await expect(page.getByLabel('Run output')).toContainText('"shout": "HELLO ADA"');
  await expect(page.getByRole('table', { name: 'Steps' }).getByRole('row')).toHaveCount(4);
});

test('publishing an invalid draft is refused with the problems listed', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByLabel('New workflow name').fill('Broken');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await page.getByRole('link', { name: 'Broken', exact: true }).click();
  await page.getByLabel('Workflow definition (JSON)').fill(
    JSON.stringify({
      schemaVersion: 1,
      name: 'Broken',
      nodes: [
        { id: 'start', type: 'manual', params: {} },
        { id: 'call', type: 'http', params: { url: '' } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    }),
  );
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Revision 1')).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot publish' })).toContainText(
    'nodes[1].params.url',
  );
});
