import { expect, test, type Page } from '@playwright/test';
import { OWNER, addMember, createWorkflow, importDefinition, signIn } from './helpers';

const EDITOR = { email: 'quota-editor@e2e.test', password: 'quota-editor-password' };

async function openInstancePage(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Instance' })
    .click();
  await expect(page.getByRole('heading', { name: 'Workspaces and quotas' })).toBeVisible();
  return page.getByRole('listitem', { name: 'Workspace Default' });
}

test('an instance admin sets a workflows quota; an editor cannot create one more and sees which quota', async ({
  page,
  browser,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await addMember(page, EDITOR, 'editor');

  const row = await openInstancePage(page);
  const usage = await row.getByRole('group', { name: 'Default: Workflows' }).innerText();
  const count = Number(/(\d+) \(no quota\)/.exec(usage)?.[1]);
  expect(Number.isInteger(count)).toBe(true);
  const quota = count + 1;
  await row.getByRole('button', { name: 'Edit quotas of Default' }).click();
  await row.getByLabel(/^Workflows \(empty/).fill(String(quota));
  await row.getByRole('button', { name: 'Save quotas of Default' }).click();
  await expect(row.getByRole('group', { name: 'Default: Workflows' })).toContainText(
    `${count} of ${quota}`,
  );
  await expect(row.getByRole('meter', { name: 'Default: Workflows' })).toBeVisible();

  const context = await browser.newContext();
  const editor = await context.newPage();
  try {
    await signIn(editor, EDITOR.email, EDITOR.password);
    await createWorkflow(editor, 'Within the quota');
    await editor.goBack();
    await expect(editor.getByRole('button', { name: 'Create workflow' })).toBeEnabled();
    await editor.getByLabel('New workflow name').fill('Past the quota');
    await editor.getByRole('button', { name: 'Create workflow' }).click();
    await expect(editor.getByRole('alert').filter({ hasText: 'Quota reached' })).toContainText(
      `Quota reached: workflows (${quota}) of this workspace`,
    );
    await expect(editor.getByRole('link', { name: 'Past the quota', exact: true })).toHaveCount(0);
  } finally {
    await context.close();
  }

  // The quota is lifted again for the other specs.
  await page.reload();
  const again = page.getByRole('listitem', { name: 'Workspace Default' });
  await again.getByRole('button', { name: 'Edit quotas of Default' }).click();
  await again.getByLabel(/^Workflows \(empty/).fill('');
  await again.getByRole('button', { name: 'Save quotas of Default' }).click();
  await expect(again.getByRole('group', { name: 'Default: Workflows' })).toContainText(
    '(no quota)',
  );
});

test('an admin grants a workflow an exception to a policy rule, with the reason, and revokes it', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, 'Excepted caller');
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Excepted caller',
    nodes: [
      { id: 'start', type: 'manual', params: {} },
      { id: 'call', type: 'http', params: { url: 'https://legacy.elsewhere.test/data' } },
    ],
    edges: [{ from: 'start', to: 'call' }],
  });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByLabel('Allowed HTTP hosts').fill('api.example.com');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Policy saved' })).toBeVisible();

  const row = page.getByRole('row', { name: 'Compliance of Excepted caller' });
  await expect(row).toContainText('not an allowed HTTP host');
  await expect(row.getByLabel('Rule to except for Excepted caller')).toHaveValue(
    'allowedHttpHosts',
  );
  await row.getByLabel('Reason for Excepted caller').fill('Legacy partner, migrating by March');
  await row.getByRole('button', { name: 'Grant exception' }).click();
  await expect(row).toContainText('compliant');
  await expect(row.getByRole('cell', { name: 'allowedHttpHosts', exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByText('policy.exception_granted').first()).toBeVisible();

  await page.goBack();
  const again = page.getByRole('row', { name: 'Compliance of Excepted caller' });
  await again
    .getByRole('button', { name: 'Revoke the allowedHttpHosts exception of Excepted caller' })
    .click();
  await expect(again).toContainText('not an allowed HTTP host');

  // The designer's policy panel offers the same to an admin, as the draft is edited.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Workflows' })
    .click();
  await page.getByRole('link', { name: 'Excepted caller', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Excepted caller', exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Policy violations' })).toContainText(
    'legacy.elsewhere.test',
  );
  await page.getByLabel('Reason for Excepted caller').fill('Approved by the security team');
  await page.getByRole('button', { name: 'Grant exception' }).click();
  await expect(page.getByText("The draft follows the workspace's policy.")).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByLabel('Allowed HTTP hosts').fill('');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Policy saved' })).toBeVisible();
});
