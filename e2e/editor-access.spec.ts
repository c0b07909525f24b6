import { expect, test, type Page } from '@playwright/test';
import { OWNER, addMember, createWorkflow, signIn, signOut } from './helpers';

test.use({ viewport: { width: 1800, height: 1000 } });

const READER = { email: 'reader@e2e.test', password: 'reader-password-1' };
const node = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const draftStatus = (page: Page) => page.getByRole('status', { name: 'Draft status' });

test('a viewer sees the designer read-only and the server refuses their edits', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await addMember(page, READER, 'viewer');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();
  await createWorkflow(page, 'Read only');
  const url = page.url();
  await signOut(page);

  await signIn(page, READER.email, READER.password);
  await page.goto(url);
  await expect(draftStatus(page)).toHaveText('Read only');
  const trigger = node(page, 'Manual Trigger');
  await expect(trigger).toBeVisible();

  await expect(
    page.getByRole('region', { name: 'Steps' }).getByRole('button', { name: 'If' }),
  ).toBeDisabled();
  for (const name of ['Undo', 'Redo', 'Delete selection', 'Auto-layout']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByRole('button', { name: 'Import…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);

  // Nodes cannot be dragged or deleted; the settings are shown but cannot be changed.
  await expect(trigger).not.toHaveClass(/draggable/);
  await trigger.click();
  await page.keyboard.press('Delete');
  await expect(trigger).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('Manual Trigger output out')).not.toHaveClass(
    /(^|\s)connectable(\s|$)/,
  );

  const id = url.split('/').pop()!;
  const res = await page.request.post('/api/trpc/workflow.saveDraft', {
    headers: { 'content-type': 'application/json', 'x-miniflow-workspace': 'default' },
    data: {
      json: { id, revision: 0, definition: { schemaVersion: 1, name: 'x', nodes: [], edges: [] } },
    },
  });
  expect(res.status()).toBe(403);
  await page.reload();
  await expect(node(page, 'Manual Trigger')).toBeVisible();
});

test('an edit saved from another page first is reported as a conflict, then reloaded', async ({
  page,
  context,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Contested');
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(node(other, 'Manual Trigger')).toBeVisible();

  await page.getByRole('region', { name: 'Steps' }).getByRole('button', { name: 'Log' }).click();
  await expect(node(page, 'Log')).toBeVisible();
  await expect(draftStatus(page)).toHaveText('All changes saved');

  await other.getByRole('region', { name: 'Steps' }).getByRole('button', { name: 'Delay' }).click();
  await expect(
    other.getByRole('alert').filter({ hasText: 'changed in another tab' }),
  ).toBeVisible();
  await expect(draftStatus(other)).toHaveText('Changed elsewhere');

  await other.getByRole('button', { name: 'Reload latest draft' }).click();
  await expect(node(other, 'Log')).toBeVisible();
  await expect(node(other, 'Delay')).toHaveCount(0);
  await expect(draftStatus(other)).toHaveText('All changes saved');

  // Editing goes on from the latest draft, and the first page now sees the conflict.
  await other.getByRole('region', { name: 'Steps' }).getByRole('button', { name: 'Fail' }).click();
  await expect(draftStatus(other)).toHaveText('All changes saved');
  await page.reload();
  await expect(node(page, 'Fail')).toBeVisible();
});

test('auto-layout separates overlapping steps', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Tangled');
  // Added by click, the step lands in the middle of the view, on top of the trigger.
  await page.getByRole('region', { name: 'Steps' }).getByRole('button', { name: 'Log' }).click();
  await expect(draftStatus(page)).toHaveText('All changes saved');
  const before = (await node(page, 'Log').boundingBox())!;
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(async () => {
    const log = (await node(page, 'Log').boundingBox())!;
    const trigger = (await node(page, 'Manual Trigger').boundingBox())!;
    expect(log).not.toEqual(before);
    const apart =
      log.x >= trigger.x + trigger.width ||
      trigger.x >= log.x + log.width ||
      log.y >= trigger.y + trigger.height ||
      trigger.y >= log.y + log.height;
    expect(apart).toBe(true);
  }).toPass();
  await expect(draftStatus(page)).toHaveText('All changes saved');
});
