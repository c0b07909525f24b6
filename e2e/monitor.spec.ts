import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, importDefinition, signIn } from './helpers';

const WORKSPACE = '/w/default';

async function publishFailingWorkflow(page: Page, name: string) {
  await createWorkflow(page, name);
  await importDefinition(page, {
    schemaVersion: 1,
    name,
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'check', type: 'fail', params: { message: 'Stock level too low' } },
    ],
    edges: [{ from: 'start', to: 'check' }],
  });
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
}

async function runOnce(page: Page) {
  await expect(page.getByText('Runs the published version v1')).toBeVisible();
  await page.getByLabel('Run input (JSON)').fill('{}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Open run page' })).toBeVisible();
}

test('overview, result monitor and queue monitor show a failing workflow and drill down', async ({
  page,
  context,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  const name = `Stock check ${Date.now()}`;
  await publishFailingWorkflow(page, name);
  const workflowUrl = page.url();
  await runOnce(page);

  await page.getByRole('link', { name: 'Overview' }).click();
  const failures = page.getByRole('region', { name: 'Recent failures' });
  await expect(failures.getByRole('link', { name })).toBeVisible();
  await expect(failures).toContainText('Stock level too low');
  const health = page.getByRole('list', { name: 'Success rate per workflow' });
  await expect(health.getByRole('listitem').filter({ hasText: name })).toContainText('0.0 % of 1');

  await page.getByRole('link', { name: 'Monitor' }).click();
  await page
    .getByRole('navigation', { name: 'Monitor' })
    .getByRole('link', { name: 'Results' })
    .click();
  await page.getByRole('button', { name: 'Last hour' }).click();
  await expect(page.getByRole('button', { name: 'Last hour' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: name });
  const byWorkflow = page.getByRole('table', { name: 'Results by workflow' });
  await expect(byWorkflow.getByRole('link', { name: `1 failed runs of ${name}` })).toBeVisible();
  const top = page.getByRole('table', { name: 'Top failing steps' });
  await expect(top).toContainText('Stock level too low');
  await expect(top).toContainText('check');

  // A second run, started elsewhere, shows up without a reload.
  const other = await context.newPage();
  await other.goto(workflowUrl);
  await runOnce(other);
  await other.close();
  await expect(byWorkflow.getByRole('link', { name: `2 failed runs of ${name}` })).toBeVisible();

  // Drill down from the table to the runs page, filtered.
  await byWorkflow.getByRole('link', { name: `2 failed runs of ${name}` }).click();
  await expect(page).toHaveURL(/\/runs\?workflow=[^&]+&status=failed&from=[^&]+&to=/);

  await page.goto(`${WORKSPACE}/monitor`);
  await expect(page.getByRole('heading', { name: 'Queue', exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Workers' }).getByText('alive')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Concurrency limits' })).toBeVisible();
  await expect(page.getByRole('figure', { name: /Throughput, last hour/ })).toBeVisible();
});
