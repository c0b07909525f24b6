import { expect, test } from '@playwright/test';
import { OWNER, signIn } from './helpers';

test('an invitation error goes away once the form is changed, instead of standing for the next one', async ({
  page,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  // The workspace's slug is shown, not only in the address bar.
  await expect(page.getByText('/api/hooks/default/', { exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'Invite member' });
  await page.getByLabel('Invitee email').fill(OWNER.email);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(form.getByRole('alert')).toHaveText(`email: ${OWNER.email} is already a member`);

  await page.getByLabel('Invitee email').fill('not-an-email');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await page.getByLabel('Invitee role').selectOption('editor');
  await expect(form.getByRole('alert')).toHaveCount(0);
});
