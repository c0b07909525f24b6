import { expect, test } from '@playwright/test';
import { OWNER, signIn } from './helpers';
import { publishWorkflow, startRun, uniqueName } from './runs-helpers';

const node = (id: string, type: string, params: Record<string, unknown> = {}) => ({
  id,
  type,
  params,
});
const edge = (from: string, to: string) => ({ from, to });

test.beforeEach(async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
});

test('step statuses change live on the run page, without reloading', async ({ page }) => {
  const name = uniqueName('Live steps');
  const workflowId = await publishWorkflow(page, {
    name,
    nodes: [
      node('start', 'manual'),
      node('greet', 'set', { values: { greeting: 'Hello {{ input.name }}' } }),
      // Long enough to see the wait on a loaded machine, short enough to watch it end.
      node('wait', 'delay', { ms: 8000 }),
      node('done', 'log', { message: 'Done with {{ steps.greet.greeting }}' }),
    ],
    edges: [edge('start', 'greet'), edge('greet', 'wait'), edge('wait', 'done')],
  });
  const { runId } = await startRun(page, workflowId, { name: 'Ada' });
  await page.goto(`/w/default/runs/${runId}`);
  // Marks this document: a reload or navigation would lose it.
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });
  // The designer's canvas, read-only, with each step's status from the run's state.
  const graphNode = (id: string) =>
    page
      .getByRole('region', { name: 'Workflow graph' })
      .getByRole('group', { name: id, exact: true });
  await expect(graphNode('greet')).toContainText('Status: succeeded');
  await expect(graphNode('wait')).toContainText('Status: waiting');
  await expect(page.getByLabel('Run status')).toHaveText('waiting');
  await expect(graphNode('done')).toContainText('Status: pending');
  await expect(page.getByLabel('Mini map')).toHaveCount(0);

  await expect(graphNode('wait')).toContainText('Status: succeeded', { timeout: 25_000 });
  await expect(graphNode('done')).toContainText('Status: succeeded');
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
    true,
  );

  // The timeline shows each step; the done step's details show its settings and log line.
  await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('img', { name: /^wait: attempt 1 succeeded/ })).toBeVisible();
  await page.getByRole('table', { name: 'Steps' }).getByRole('button', { name: 'done' }).click();
  await expect(page.getByRole('group', { name: 'Settings of done attempt 1' })).toContainText(
    'Done with Hello Ada',
  );
  await expect(
    page.getByRole('group', { name: 'Step done attempt 1' }).getByRole('list', { name: 'Logs' }),
  ).toContainText('Done with Hello Ada');
});

test('cancel a waiting run from its page, then run it again with an edited input', async ({
  page,
}) => {
  const workflowId = await publishWorkflow(page, {
    name: uniqueName('Long wait'),
    nodes: [node('start', 'manual'), node('wait', 'delay', { ms: 600_000 })],
    edges: [edge('start', 'wait')],
  });
  const { runId } = await startRun(page, workflowId);
  await page.goto(`/w/default/runs/${runId}`);
  await expect(page.getByLabel('Run status')).toHaveText('waiting');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByLabel('Run status')).toHaveText('cancelled');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();

  // Run it again with an edited input: a new run, linked to this one.
  await page.getByRole('button', { name: 'Run again with edited input' }).click();
  await page.getByLabel('Input for the new run (JSON)').fill('{"note": "edited"}');
  await page.getByRole('button', { name: 'Run with this input' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByLabel('Run status')).toHaveText('waiting');
  await expect(page.getByRole('group', { name: 'Run input' })).toContainText('edited');
  await expect(
    page.getByRole('navigation', { name: 'Related runs' }).getByRole('link', { name: runId }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByLabel('Run status')).toHaveText('cancelled');
});

test('retry from the failed step reuses the outputs of the steps before it', async ({ page }) => {
  const workflowId = await publishWorkflow(page, {
    name: uniqueName('Flaky'),
    nodes: [
      node('start', 'manual'),
      // Counts its own executions: a reused output stays 1.
      node('a', 'set', { values: { runs: '{{ $incrementState("a", 1) }}' } }),
      // Fails the first time it runs, succeeds afterwards.
      node('b', 'transform', {
        expression: '$incrementState("b", 1) = 1 ? $error("flaky failure") : "ok"',
      }),
      node('done', 'set', { values: { a: '{{ steps.a.runs }}', b: '{{ steps.b }}' } }),
    ],
    edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'done')],
  });
  const { runId, status } = await startRun(page, workflowId);
  expect(status).toBe('failed');
  await page.goto(`/w/default/runs/${runId}`);
  await expect(page.getByLabel('Run status')).toHaveText('failed');
  await expect(page.getByTestId('rf__node-b')).toContainText('Status: failed');
  await expect(page.getByLabel('Run error')).toContainText('flaky failure');

  await page.getByRole('button', { name: 'Retry from failed step' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  // `a` was not run again: its recorded output (1) was reused.
  await expect(page.getByLabel('Run output')).toContainText('a: 1');
  await expect(page.getByLabel('Run output')).toContainText('b: "ok"');
  const related = page.getByRole('navigation', { name: 'Related runs' });
  await expect(related.getByRole('link', { name: runId })).toBeVisible();

  // Both ways: the original run links to its retry.
  await related.getByRole('link', { name: runId }).click();
  await expect(page.getByLabel('Run status')).toHaveText('failed');
  await expect(
    page.getByRole('navigation', { name: 'Related runs' }).getByText('Retried as'),
  ).toBeVisible();
});
