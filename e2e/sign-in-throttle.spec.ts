import { expect, test, type Page } from '@playwright/test';

async function attempt(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  // Each attempt's own answer: the server action's response, not the message already shown.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/sign-in')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  // The form clears its fields once the action has answered; filling them before that
  // would be undone, and the next attempt sent without an email.
  await expect(page.getByLabel('Password')).toHaveValue('');
  return page.locator('main').getByRole('alert');
}

test('after 5 wrong passwords for an account the sign-in form says to wait', async ({ page }) => {
  const email = `nobody-${Date.now()}@e2e.test`;
  await page.goto('/sign-in');
  for (let n = 1; n <= 5; n++) {
    await expect(await attempt(page, email, `wrong-${n}`)).toHaveText('Wrong email or password');
  }
  await expect(await attempt(page, email, 'wrong-6')).toContainText('Too many failed sign-ins');
});
