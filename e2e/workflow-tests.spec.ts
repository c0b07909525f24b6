import { expect, test } from '@playwright/test';
import { OWNER, signIn } from './helpers';
import { publishWorkflow, startRun, uniqueName } from './runs-helpers';

test.beforeEach(async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
});

test('a test from a run: edit it to fail, read the diff, gate publishing on it, fix it', async ({
  page,
}) => {
  const workflowId = await publishWorkflow(page, {
    name: uniqueName('Doubler'),
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'double', type: 'set', params: { values: { twice: '{{ input.n * 2 }}' } } },
    ],
    edges: [{ from: 'start', to: 'double' }],
  });
  const { runId } = await startRun(page, workflowId, { n: 21 });
  await page.goto(`/w/default/runs/${runId}`);
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');

  await page.getByRole('button', { name: 'Create a test from this run' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'created' })).toBeVisible();
  await page.getByRole('link', { name: 'Open the workflow’s tests' }).click();
  await expect(page.getByRole('tab', { name: 'Tests' })).toHaveAttribute('aria-selected', 'true');

  const caseName = `From run ${runId.slice(-8)}`;
  const item = page
    .getByRole('list', { name: 'Test cases' })
    .getByRole('listitem', { name: caseName });
  await expect(item).toBeVisible();
  await page.getByRole('button', { name: 'Run all tests' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 passed, 0 failed' })).toBeVisible();
  await expect(item).toContainText('Passed');

  // Expect something else: the case fails and says where, what it expected and what it got.
  await item.getByRole('button', { name: `Edit ${caseName}` }).click();
  const form = page.getByRole('form', { name: `Edit test ${caseName}` });
  await form.getByLabel('Expected output (JSON, partial)').fill('{ "double": { "twice": 43 } }');
  await form.getByRole('button', { name: 'Save test' }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole('button', { name: `Run ${caseName}` }).click();
  await expect(item).toContainText('Failed');
  const mismatch = item.getByRole('list', { name: 'Mismatches' }).getByRole('listitem');
  await expect(mismatch).toContainText('output.double.twice: not equal');
  await expect(mismatch.getByTestId('expected')).toHaveText('43');
  await expect(mismatch.getByTestId('actual')).toHaveText('42');

  // With the gate on, the failing suite blocks publishing and names the failing case.
  await page.getByLabel('Require passing tests to publish').check();
  await page.getByRole('button', { name: 'Save gate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Publish gate saved' })).toBeVisible();
  await page.getByRole('tab', { name: 'Designer' }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Publish' }).getByRole('alert')).toHaveText(
    `Cannot publish: 1 of 1 tests failed: "${caseName}" (output.double.twice: not equal)`,
  );

  // Fixed, it passes, and publishing goes through with the results kept on the version.
  await page.getByRole('tab', { name: 'Tests' }).click();
  await item.getByRole('button', { name: `Edit ${caseName}` }).click();
  await form.getByLabel('Expected output (JSON, partial)').fill('{ "double": { "twice": 42 } }');
  await form.getByRole('button', { name: 'Save test' }).click();
  await page.getByRole('button', { name: 'Run all tests' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 passed, 0 failed' })).toBeVisible();
  await expect(item).toContainText('Passed');

  await page.getByRole('button', { name: 'Show coverage on the canvas' }).click();
  await expect(page.getByRole('tab', { name: 'Designer' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('group', { name: 'double', exact: true })).toContainText(
    'Status: tested',
  );

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published version 2' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText(
    'Tests: 1 passed, 0 failed · coverage 100% · required to publish',
  );
});
