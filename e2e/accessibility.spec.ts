import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

const WORKSPACE = '/w/default';
/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Fails with each violated rule, its help and the elements it found, for one page state. */
async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
  );
  expect(found, `axe violations on ${what}`).toEqual([]);
}

test('every page passes an axe audit (WCAG 2 A/AA and best practices)', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to MiniFlow' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await page.goto('/invite/not-a-real-invitation-token-at-all-0000000000');
  await expectAccessible(page, 'an invitation that does not exist');

  await signIn(page, OWNER.email, OWNER.password);
  await expectAccessible(page, 'workflows');

  const name = `Audit ${Date.now()}`;
  await createWorkflow(page, name);
  await expectAccessible(page, 'designer of a new workflow');
  await importDefinition(page, {
    schemaVersion: 1,
    name,
    nodes: [
      {
        id: 'hook',
        type: 'webhook',
        name: 'Hook',
        params: { path: `a11y/${Date.now()}` },
        position: { x: 0, y: 0 },
      },
      {
        id: 'check',
        type: 'if',
        name: 'Check',
        params: { condition: 'prev.body.n > 1' },
        position: { x: 250, y: 0 },
      },
      {
        id: 'fail',
        type: 'fail',
        name: 'Refuse',
        params: { message: 'Too small' },
        position: { x: 500, y: 100 },
      },
      {
        id: 'ok',
        type: 'respond',
        name: 'Accept',
        params: { status: 200, body: { ok: true } },
        position: { x: 500, y: -100 },
      },
    ],
    edges: [
      { from: 'hook', to: 'check' },
      { from: 'check', to: 'ok', fromPort: 'true' },
      { from: 'check', to: 'fail', fromPort: 'false' },
    ],
  });
  await page.getByRole('group', { name: 'Hook', exact: true }).click();
  await expectAccessible(page, 'designer with the webhook trigger selected');
  await page.getByRole('group', { name: 'Check', exact: true }).click();
  await expectAccessible(page, 'designer with an If selected');
  await page.getByLabel('Version message').fill('first');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
  await expectAccessible(page, 'designer after publishing');
  for (const n of [5, 0]) {
    await page.getByLabel('Request body (JSON)').fill(JSON.stringify({ n }));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByLabel('Test run status')).toHaveText(n > 1 ? 'succeeded' : 'failed');
  }
  await page.getByRole('group', { name: 'Refuse', exact: true }).click();
  await expectAccessible(page, 'designer with a test run and step details');
  const runPage = await page.getByRole('link', { name: 'Open run page' }).getAttribute('href');

  await page.goto(runPage!);
  await expect(page.getByLabel('Run status')).toHaveText('failed');
  await expectAccessible(page, 'run page');

  for (const [path, heading] of [
    ['', 'Overview'],
    ['/runs', 'Runs'],
    ['/monitor', 'Queue'],
    ['/monitor/results', 'Results'],
    ['/tests', 'Tests'],
    ['/audit', 'Audit'],
    ['/settings', 'Settings'],
  ] as const) {
    await page.goto(`${WORKSPACE}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
    await expectAccessible(page, heading);
  }
  await page.goto('/workspaces/new');
  await expectAccessible(page, 'new workspace');
});

test('the instance page and the compliance exceptions pass an axe audit', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`${WORKSPACE}/instance`);
  await expect(page.getByRole('heading', { name: 'Workspaces and quotas' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Workspace Default' })).toBeVisible();
  await expectAccessible(page, 'instance page');
  await page.getByRole('button', { name: 'Edit quotas of Default' }).click();
  await expectAccessible(page, 'instance page with a quota form open');

  const name = `Exception ${Date.now()}`;
  await page.goto(`${WORKSPACE}/workflows`);
  await createWorkflow(page, name);
  await importDefinition(page, {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'call', type: 'http', params: { url: 'https://a11y.elsewhere.test/' } },
    ],
    edges: [{ from: 'start', to: 'call' }],
  });
  const designer = page.url();
  await page.goto(`${WORKSPACE}/settings`);
  await page.getByLabel('Allowed HTTP hosts').fill('api.example.com');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByLabel(`Rule to except for ${name}`)).toBeVisible();
  await expectAccessible(page, 'compliance report with exception controls');
  await page.goto(designer);
  await expect(page.getByRole('list', { name: 'Policy violations' })).toBeVisible();
  await expectAccessible(page, "designer's policy panel with exception controls");
  await page.goto(`${WORKSPACE}/settings`);
  await page.getByLabel('Allowed HTTP hosts').fill('');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByLabel(`Rule to except for ${name}`)).toHaveCount(0);
});

test('the Flags page passes an axe audit', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, OWNER.email, OWNER.password);
  await page.goto(`${WORKSPACE}/flags`);
  await expect(page.getByRole('heading', { name: 'Feature flags' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Segments' })).toBeVisible();
  await expectAccessible(page, 'flags');
  await page.getByRole('button', { name: 'New flag' }).click();
  await expect(page.getByLabel('Flag document (JSON)')).toBeVisible();
  await page.getByRole('button', { name: 'New segment' }).click();
  await expect(page.getByLabel('Segment document (JSON)')).toBeVisible();
  await page.getByLabel('Import a flag file (.json: one flag or an array)').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('[{ "key": "x" }]'),
  });
  await expect(page.getByRole('list', { name: 'Problems in broken.json' })).toBeVisible();
  await expectAccessible(page, 'flags with the flag and segment editors and an import problem');
});
