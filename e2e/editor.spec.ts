import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { OWNER, createWorkflow, signIn } from './helpers';

test.use({ viewport: { width: 1800, height: 1000 } });

const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

async function dragStep(page: Page, type: string, x: number, y: number) {
  await page
    .getByRole('region', { name: 'Steps' })
    .getByRole('button', { name: type, exact: true })
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

async function wire(page: Page, from: string, to: string) {
  await page.getByLabel(from, { exact: true }).dragTo(page.getByLabel(to, { exact: true }));
}

test('build, validate, undo, publish, run and re-import a workflow in the designer', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Diamond');

  // A new workflow starts with a trigger; start from an empty canvas instead.
  await node(page, 'Manual Trigger').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'Manual Trigger')).toHaveCount(0);

  await dragStep(page, 'Manual Trigger', 170, 100);
  await dragStep(page, 'Set Fields', 440, 100);
  await dragStep(page, 'If', 710, 100);
  await dragStep(page, 'Set Fields', 170, 350);
  await dragStep(page, 'Set Fields', 440, 350);
  await dragStep(page, 'Merge', 710, 350);
  for (const name of [
    'Manual Trigger',
    'Set Fields',
    'If',
    'Set Fields 2',
    'Set Fields 3',
    'Merge',
  ]) {
    await expect(node(page, name)).toBeVisible();
  }

  await wire(page, 'Manual Trigger output out', 'Set Fields input');
  await wire(page, 'Set Fields output out', 'If input');
  await wire(page, 'If output true', 'Set Fields 2 input');
  await wire(page, 'If output false', 'Set Fields 3 input');
  await wire(page, 'Set Fields 2 output out', 'Merge input');
  await wire(page, 'Set Fields 3 output out', 'Merge input');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // A connection into the trigger is refused while dragging.
  await wire(page, 'Merge output out', 'Set Fields input');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);

  // The If has no condition yet: the engine's validator flags it on the canvas and in the list.
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(node(page, 'If')).toContainText('Problem:');
  await expect(problems.getByRole('button', { name: /not reachable/ })).toHaveCount(0);
  await problems.getByRole('button', { name: /^If: This field is required/ }).click();
  await expect(page.getByRole('textbox', { name: 'Condition' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Condition' }).fill('input.amount > 100');
  await expect(node(page, 'If')).not.toContainText('Problem:');
  await expect(page.getByText('No problems: ready to publish.')).toBeVisible();

  await node(page, 'Set Fields 2').click();
  await page.getByRole('button', { name: 'Add Fields row' }).click();
  await page.getByLabel('Fields name 1').fill('size');
  await page.getByLabel('Fields value 1').fill('big');
  await node(page, 'Set Fields 3').click();
  await page.getByRole('button', { name: 'Add Fields row' }).click();
  await page.getByLabel('Fields name 1').fill('size');
  await page.getByLabel('Fields value 1').fill('small');

  // Undo and redo a deletion.
  await node(page, 'Set Fields 3').click();
  await page.getByRole('button', { name: 'Delete selection' }).click();
  await expect(node(page, 'Set Fields 3')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(node(page, 'Set Fields 3')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await page.keyboard.press('Control+Shift+z');
  await expect(node(page, 'Set Fields 3')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'Set Fields 3')).toBeVisible();

  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');

  await page.getByLabel('Version message').fill('diamond');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();

  await page.getByLabel('Run input (JSON)').fill('{"amount": 500}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const expected: Record<string, string> = {
    'Manual Trigger': 'succeeded',
    'Set Fields': 'succeeded',
    If: 'succeeded',
    'Set Fields 2': 'succeeded',
    'Set Fields 3': 'skipped',
    Merge: 'succeeded',
  };
  for (const [name, status] of Object.entries(expected)) {
    await expect(node(page, name)).toContainText(`Status: ${status}`);
  }
  await node(page, 'Set Fields 2').click();
  await expect(page.getByRole('group', { name: 'Output of Set Fields 2 attempt 1' })).toContainText(
    'big',
  );

  await page.reload();
  for (const name of Object.keys(expected)) await expect(node(page, name)).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');

  const exported = await exportDefinition(page);
  expect(JSON.parse(exported)).toMatchObject({
    nodes: expect.arrayContaining([
      expect.objectContaining({ name: 'If', params: { condition: 'input.amount > 100' } }),
    ]),
  });
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Definition (JSON or YAML)').fill(exported);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await exportDefinition(page)).toBe(exported);
  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');
});

async function exportDefinition(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8');
}
