import { expect, test } from '@playwright/test';
import { OWNER, signIn } from './helpers';
import { publishWorkflow, startRun, uniqueName } from './runs-helpers';

const sleeperDefinition = (name: string) => ({
  name,
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'wait', type: 'delay', params: { ms: '{{ input.ms }}' } },
  ],
  edges: [{ from: 'start', to: 'wait' }],
});

test.beforeEach(async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
});

test('the runs list updates live and its filters live in the URL', async ({ page }) => {
  const workflowId = await publishWorkflow(page, sleeperDefinition(uniqueName('Listed')));
  const quick = await startRun(page, workflowId, { ms: 0 });
  await page.goto(`/w/default/runs?workflow=${workflowId}`);
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('link', { name: quick.runId })).toBeVisible();
  await expect(page.getByLabel('Workflow', { exact: true })).toHaveValue(workflowId);

  // A run started elsewhere appears, then turns succeeded, with no reload.
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });
  const live = await startRun(page, workflowId, { ms: 2500 });
  const liveRow = table.locator(`tr[data-run-id="${live.runId}"]`);
  await expect(liveRow).toContainText('waiting');
  await expect(liveRow).toContainText('succeeded', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
    true,
  );

  // Status filter: written to the URL, applied to the list.
  const waiting = await startRun(page, workflowId, { ms: 600_000 });
  await page.getByLabel('Status', { exact: true }).selectOption('waiting');
  await expect(page).toHaveURL(/status=waiting/);
  await expect(table.getByRole('link', { name: waiting.runId })).toBeVisible();
  await expect(table.getByRole('link', { name: quick.runId })).toHaveCount(0);

  // Trigger filter: these runs are manual.
  await page.getByLabel('Trigger', { exact: true }).selectOption('cron');
  await expect(page).toHaveURL(/trigger=cron/);
  await expect(page.getByText('No runs match these filters')).toBeVisible();

  // A drill-down link with every filter opens with them applied.
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 3_600_000).toISOString();
  await page.goto(
    `/w/default/runs?workflow=${workflowId}&status=succeeded&trigger=manual&from=${from}&to=${to}`,
  );
  await expect(table.getByRole('link', { name: quick.runId })).toBeVisible();
  await expect(table.getByRole('link', { name: waiting.runId })).toHaveCount(0);

  // Search by run id.
  await page.goto('/w/default/runs');
  await page.getByLabel('Run id', { exact: true }).fill(waiting.runId);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${waiting.runId}`));
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('link', { name: waiting.runId })).toBeVisible();
});

test('bulk cancel and bulk retry the selected runs', async ({ page }) => {
  const workflowId = await publishWorkflow(page, sleeperDefinition(uniqueName('Bulk')));
  const a = await startRun(page, workflowId, { ms: 600_000 });
  const b = await startRun(page, workflowId, { ms: 600_000 });
  await page.goto(`/w/default/runs?workflow=${workflowId}`);
  await page.getByLabel(`Select run ${a.runId}`).check();
  await page.getByLabel(`Select run ${b.runId}`).check();
  await page.getByRole('button', { name: 'Cancel selected' }).click();
  await expect(page.getByRole('status')).toContainText('Cancel: 2 of 2 runs done');
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table.locator(`tr[data-run-id="${a.runId}"]`)).toContainText('cancelled');
  await expect(table.locator(`tr[data-run-id="${b.runId}"]`)).toContainText('cancelled');

  await page.getByLabel('Select all runs on this page').check();
  await page.getByRole('button', { name: 'Retry selected' }).click();
  await expect(page.getByRole('status')).toContainText('Retry: 2 of 2 runs done');
  await expect(table.getByRole('row')).toHaveCount(5);
});
