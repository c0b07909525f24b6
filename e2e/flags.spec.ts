import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

async function publishDefinition(page: Page, name: string, definition: object) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();
  await createWorkflow(page, name);
  await importDefinition(page, definition);
  await page.getByLabel('Version message').fill('first version');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
}

async function runWith(page: Page, input: object, lastStep: string) {
  await page.getByLabel('Run input (JSON)').fill(JSON.stringify(input));
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('group', { name: lastStep, exact: true })).toContainText('Status:');
}

test('create a flag with a 30 % rollout, use it in an If, run, see the variant in the run', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flags' }).click();
  await expect(page.getByRole('heading', { name: 'Feature flags' })).toBeVisible();
  await page.getByRole('button', { name: 'New flag' }).click();
  const doc = page.getByLabel('Flag document (JSON)');
  await doc.fill(
    JSON.stringify({
      key: 'e2e-pricing',
      kind: 'boolean',
      enabled: true,
      variants: { on: true, off: false },
      defaultVariant: 'off',
      rules: [{ serve: { rollout: { on: 0, off: 100 }, by: 'targetingKey' } }],
    }),
  );
  await page.getByLabel('Rollout to on (percent)').fill('30');
  await expect(doc).toHaveValue(/"on": 30,\s*"off": 70/);
  await page.getByRole('button', { name: 'Save flag' }).click();
  await expect(page.getByRole('button', { name: 'Open flag e2e-pricing' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Flag e2e-pricing' })).toBeVisible();

  // Try it explains which rule served.
  await page.getByLabel('Evaluation context (JSON)').fill('{ "targetingKey": "user-1" }');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByText(/Served (on|off) .*SPLIT, rule 1/)).toBeVisible();
  await expect(page.getByText('Rule 1: matched')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Change history' })).toBeVisible();
  await expect(page.getByText(/created \(version 1\) by/)).toBeVisible();

  await publishDefinition(page, 'Flagged pricing', {
    schemaVersion: 1,
    name: 'Flagged pricing',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      {
        id: 'gate',
        type: 'if',
        params: { condition: '$flag("e2e-pricing", { "targetingKey": input.customerId })' },
      },
      { id: 'newPrice', type: 'set', params: { values: { price: 90 } } },
      { id: 'oldPrice', type: 'set', params: { values: { price: 100 } } },
    ],
    edges: [
      { from: 'start', to: 'gate' },
      { from: 'gate', to: 'newPrice', fromPort: 'true' },
      { from: 'gate', to: 'oldPrice', fromPort: 'false' },
    ],
  });
  await runWith(page, { customerId: 'c-42' }, 'gate');
  await page.getByRole('link', { name: 'Open run page' }).click();
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await page.getByRole('table', { name: 'Steps' }).getByRole('button', { name: 'gate' }).click();
  await expect(
    page.getByRole('group', { name: 'Step gate attempt 1' }).getByRole('list', { name: 'Logs' }),
  ).toContainText(/Flag "e2e-pricing" served variant "(on|off)"/);
});

test('build an A/B split and see per-variant figures in the result monitor', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  const name = 'Checkout split';
  await publishDefinition(page, name, {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      {
        id: 'experiment',
        type: 'split',
        params: {
          variants: [
            { name: 'control', weight: 50 },
            { name: 'discount', weight: 50 },
          ],
          key: 'input.customerId',
        },
      },
      { id: 'listPrice', type: 'set', params: { values: { price: 100 } } },
      { id: 'discountPrice', type: 'set', params: { values: { price: 90 } } },
    ],
    edges: [
      { from: 'start', to: 'experiment' },
      { from: 'experiment', to: 'listPrice', fromPort: 'control' },
      { from: 'experiment', to: 'discountPrice', fromPort: 'discount' },
    ],
  });
  for (const customerId of ['a', 'b', 'c', 'd', 'e', 'f']) {
    await runWith(page, { customerId }, 'experiment');
  }
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Monitor' })
    .click();
  await page
    .getByRole('navigation', { name: 'Monitor' })
    .getByRole('link', { name: 'Results' })
    .click();
  await page.getByRole('button', { name: 'Last hour' }).click();
  await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: name });
  const byVariant = page.getByRole('table', { name: 'Results by variant' });
  await expect(byVariant).toBeVisible();
  await expect(byVariant.getByRole('row')).not.toHaveCount(1);
  await expect(byVariant).toContainText('experiment');
  await expect(byVariant).toContainText(/control|discount/);
  await expect(byVariant).toContainText('100 %');
});

test('segments, and flags imported from a file (problems named by path) and exported as files', async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const segmentKey = `testers-${suffix}`;
  const flagKey = `segmented-${suffix}`;
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flags' }).click();
  await expect(page.getByRole('heading', { name: 'Segments' })).toBeVisible();

  await page.getByRole('button', { name: 'New segment' }).click();
  const segmentDoc = page.getByLabel('Segment document (JSON)');
  await segmentDoc.fill(JSON.stringify({ key: segmentKey, targetingKeys: [] }));
  await expect(
    page.getByText('when: A segment has at least one condition or one targeting key'),
  ).toBeVisible();
  await segmentDoc.fill(JSON.stringify({ key: segmentKey, targetingKeys: ['tester-1'] }));
  await page.getByRole('button', { name: 'Save segment' }).click();
  await expect(page.getByRole('button', { name: `Open segment ${segmentKey}` })).toBeVisible();

  const flag = {
    key: flagKey,
    kind: 'boolean',
    enabled: true,
    variants: { on: true, off: false },
    defaultVariant: 'off',
    rules: [
      { when: [{ attribute: 'targetingKey', op: 'inSegment', values: [segmentKey] }], serve: 'on' },
    ],
  };
  const importInput = page.getByLabel('Import a flag file (.json: one flag or an array)');
  await importInput.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify([flag, { ...flag, key: 'other', defaultVariant: 'maybe' }])),
  });
  const problems = page.getByRole('list', { name: 'Problems in broken.json' });
  await expect(problems).toContainText('1.defaultVariant: Unknown variant "maybe"');
  await expect(page.getByRole('button', { name: /^Import \d+ flags?$/ })).toHaveCount(0);

  await importInput.setInputFiles({
    name: `${flagKey}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(flag)),
  });
  await page.getByRole('button', { name: 'Import 1 flag' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 flag.' })).toBeVisible();

  // The stored segment decides on the server: a listed targeting key is in it, another is not.
  await page.getByRole('button', { name: `Open flag ${flagKey}` }).click();
  const context = page.getByLabel('Evaluation context (JSON)');
  await context.fill('{ "targetingKey": "tester-1" }');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByText(/Served on .*TARGETING_MATCH, rule 1/)).toBeVisible();
  await context.fill('{ "targetingKey": "someone-else" }');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByText(/Served off .*DEFAULT/)).toBeVisible();

  const one = page.waitForEvent('download');
  await page.getByRole('button', { name: `Export flag ${flagKey}` }).click();
  const exported = await one;
  expect(exported.suggestedFilename()).toBe(`${flagKey}.json`);
  expect(JSON.parse(await readFile(await exported.path(), 'utf8'))).toEqual(flag);

  const all = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all flags' }).click();
  const everything = await all;
  expect(everything.suggestedFilename()).toBe('flags.json');
  const flags = JSON.parse(await readFile(await everything.path(), 'utf8')) as { key: string }[];
  expect(flags.find((f) => f.key === flagKey)).toEqual(flag);
});

test('a step served from the cache says so in the run’s step details', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  const name = `Cached lookup ${Date.now().toString(36)}`;
  await publishDefinition(page, name, {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      {
        id: 'lookup',
        type: 'set',
        params: { values: { id: '{{ input.id }}' } },
        cache: { ttlSeconds: 600, key: '{{ input.id }}' },
      },
    ],
    edges: [{ from: 'start', to: 'lookup' }],
  });
  await runWith(page, { id: 'a' }, 'lookup');
  const runPage = page.getByRole('link', { name: 'Open run page' });
  const first = await runPage.getAttribute('href');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runPage).not.toHaveAttribute('href', first!);
  await runPage.click();
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await page.getByRole('table', { name: 'Steps' }).getByRole('button', { name: 'lookup' }).click();
  await expect(page.getByRole('group', { name: 'Step lookup attempt 1' })).toContainText('Cached');

  await page.goto(first!);
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await page.getByRole('table', { name: 'Steps' }).getByRole('button', { name: 'lookup' }).click();
  await expect(page.getByRole('group', { name: 'Step lookup attempt 1' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Step lookup attempt 1' })).not.toContainText(
    'Cached',
  );
});
