import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { OWNER, signIn } from './helpers';
import { mutate, publishWorkflow, startRun, uniqueName } from './runs-helpers';

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

test('the designer exports a workflow with its tests and imports both into another workflow', async ({
  page,
}) => {
  const name = uniqueName('Greeter');
  const sourceId = await publishWorkflow(page, {
    name,
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'hello', type: 'set', params: { values: { greeting: 'hello' } } },
    ],
    edges: [{ from: 'start', to: 'hello' }],
  });
  const cases = [
    { name: 'says hello', expect: { output: { hello: { greeting: 'hello' } } } },
    { name: 'succeeds', expect: { status: 'succeeded' } },
  ];
  await mutate(page, 'test.import', {
    workflowId: sourceId,
    file: { schemaVersion: 1, workflow: name, cases },
  });

  await page.goto(`/w/default/workflows/${sourceId}`);
  await expect(page.getByRole('status', { name: 'Draft status' })).toBeVisible();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('group', { name: 'Files to export' });
  const downloads: Download[] = [];
  for (const label of [`Workflow: ${name}.json`, `Tests (2 cases): ${name}.test.json`]) {
    const download = page.waitForEvent('download');
    await menu.getByRole('button', { name: label }).click();
    downloads.push(await download);
  }
  const files = await Promise.all(
    downloads.map(async (d) => ({
      name: d.suggestedFilename(),
      mimeType: 'application/json',
      buffer: readFileSync(await d.path()),
    })),
  );
  expect(files.map((f) => f.name)).toEqual([`${name}.json`, `${name}.test.json`]);
  expect(JSON.parse(files[1]!.buffer.toString('utf8'))).toEqual({
    schemaVersion: 1,
    workflow: name,
    cases,
  });

  const { id: targetId } = await mutate<{ id: string }>(page, 'workflow.create', {
    name: uniqueName('Imported greeter'),
  });
  await page.goto(`/w/default/workflows/${targetId}`);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Upload a file/).setInputFiles(files);
  await expect(dialog).toContainText(`Also imports 2 test cases from ${name}.test.json`);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Tests imported: 2 added, 0 replaced' }),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');

  await page.getByRole('tab', { name: 'Tests' }).click();
  const list = page.getByRole('list', { name: 'Test cases' });
  await expect(list.getByRole('listitem', { name: 'says hello' })).toBeVisible();
  await expect(list.getByRole('listitem', { name: 'succeeds' })).toBeVisible();
  await page.getByRole('button', { name: 'Run all tests' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 passed, 0 failed' })).toBeVisible();

  // A broken test file is refused in the dialog, with the path of each problem.
  await page.getByRole('tab', { name: 'Designer' }).click();
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel(/^Upload a file/).setInputFiles([
    files[0]!,
    {
      name: 'broken.test.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ schemaVersion: 1, workflow: 'x', cases: [{ mocks: 1 }] }),
      ),
    },
  ]);
  await expect(dialog.getByRole('alert')).toContainText('cases[0].name');
});
