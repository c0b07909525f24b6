import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** Nothing may stick out sideways: the page itself never scrolls horizontally. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Text cut off by its box (an ellipsis, or clipped overflow). */
async function clipped(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) =>
    elements
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
      .map((e) => e.textContent ?? ''),
  );
}

async function shot(page: Page, name: string, size: { width: number }) {
  await page.screenshot({ path: test.info().outputPath(`${name}-${size.width}.png`) });
}

for (const size of SIZES) {
  test(`designer, run page and monitor fit ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await signIn(page, OWNER.email, OWNER.password);
    const name = `Layout ${size.width}`;
    await createWorkflow(page, name);
    await importDefinition(page, {
      schemaVersion: 1,
      name,
      nodes: [
        {
          id: 'hook',
          type: 'webhook',
          name: 'Hook',
          params: { path: `layout/${size.width}` },
          position: { x: 0, y: 0 },
        },
        {
          id: 'price',
          type: 'code',
          name: 'Price',
          params: { code: 'return { total: prev.body.qty * 80 };' },
          position: { x: 260, y: 0 },
        },
        {
          id: 'check',
          type: 'if',
          name: 'Check',
          params: { condition: 'prev.total > 100' },
          position: { x: 520, y: 0 },
        },
        {
          id: 'big',
          type: 'respond',
          name: 'Big order',
          params: { status: 200, body: { size: 'big' } },
          position: { x: 780, y: -100 },
        },
        {
          id: 'small',
          type: 'respond',
          name: 'Small order',
          params: { status: 200, body: { size: 'small' } },
          position: { x: 780, y: 100 },
        },
      ],
      edges: [
        { from: 'hook', to: 'price' },
        { from: 'price', to: 'check' },
        { from: 'check', to: 'big', fromPort: 'true' },
        { from: 'check', to: 'small', fromPort: 'false' },
      ],
    });
    const palette = page.getByRole('region', { name: 'Steps' });
    await expect(palette.getByRole('button', { name: 'Respond to Webhook' })).toBeVisible();
    expect(await clipped(page, '[aria-label="Steps"] button span')).toEqual([]);

    // With the longest settings form open, Publish stays on screen.
    await page.getByRole('group', { name: 'Hook', exact: true }).click();
    await expect(page.getByRole('form', { name: /^Settings of/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeInViewport();
    await expect(page.getByRole('textbox', { name: 'Webhook URL' })).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await shot(page, 'designer-webhook-selected', size);

    await page.getByLabel('Version message').fill('first');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.getByText('Published version 1')).toBeVisible();
    await page.getByLabel('Request body (JSON)').fill('{"qty": 2}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByLabel('Test run status')).toHaveText('succeeded');
    await page.getByRole('group', { name: 'Check', exact: true }).click();
    // The clicked step's details come into view, however far down the inspector was scrolled.
    await expect(page.getByRole('button', { name: 'Close step details' })).toBeInViewport();
    await expectNoSidewaysScroll(page);
    await shot(page, 'designer-test-run', size);

    await page.getByRole('link', { name: 'Open run page' }).click();
    await expect(page.getByLabel('Run status')).toHaveText('succeeded');
    await expect(
      page.getByRole('region', { name: 'Workflow graph' }).getByText('Small order'),
    ).toBeVisible();
    await expectNoSidewaysScroll(page);
    await shot(page, 'run-page', size);
    await page.getByRole('table', { name: 'Steps' }).getByRole('button', { name: 'price' }).click();
    await shot(page, 'run-page-step', size);

    await page.goto('/w/default/monitor');
    await expect(page.getByRole('figure', { name: /Throughput, last hour/ })).toBeVisible();
    // Let the charts finish drawing before the picture is taken.
    await page.waitForTimeout(2_000);
    await expectNoSidewaysScroll(page);
    await shot(page, 'monitor-queue', size);
    await page.goto('/w/default/monitor/results');
    await expect(page.getByRole('heading', { name: 'Results' })).toBeAttached();
    await page.waitForTimeout(2_000);
    await expectNoSidewaysScroll(page);
    await shot(page, 'monitor-results', size);
  });
}
