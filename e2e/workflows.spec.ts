import { expect, test } from '@playwright/test';
import { OWNER, signIn, signOut } from './helpers';

test('wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'Wrong email or password',
  );
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  await page.goto('/w/default/workflows');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('owner signs in, creates and renames a workflow, signs out', async ({ page }) => {
  await signIn(page, OWNER.email, OWNER.password);
  for (const section of ['Workflows', 'Runs', 'Monitor', 'Tests', 'Settings']) {
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }),
    ).toBeVisible();
  }

  await expect(page.getByRole('button', { name: 'Create workflow' })).toBeEnabled();
  await page.getByLabel('New workflow name').fill('Invoice sync');
  await page.getByRole('button', { name: 'Create workflow' }).click();
  const list = page.getByRole('list', { name: 'Workflows' });
  await expect(list.getByRole('listitem', { name: 'Invoice sync' })).toBeVisible();

  // Bad input gets a message naming the field, not a crash.
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page.getByRole('form', { name: 'Create workflow' }).getByRole('alert')).toHaveText(
    'name: must not be empty',
  );

  await page.getByRole('button', { name: 'Rename Invoice sync' }).click();
  await page.getByLabel('Workflow name', { exact: true }).fill('Invoice sync v2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(list.getByRole('listitem', { name: 'Invoice sync v2' })).toBeVisible();

  await page.reload();
  await expect(list.getByRole('listitem', { name: 'Invoice sync v2' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Invoice sync v2' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('button', { name: 'Delete workflow' }).click();
  await expect(list.getByRole('listitem', { name: 'Invoice sync v2' })).toHaveCount(0);

  await signOut(page);
});
