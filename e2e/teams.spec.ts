import { expect, test, type Page } from '@playwright/test';
import { OWNER, createInvitationLink, joinWithNewAccount, memberCell, signIn } from './helpers';

const TEAMMATE = { email: 'teammate@e2e.test', password: 'teammate-password-1' };
const headers = { 'content-type': 'application/json', 'x-miniflow-workspace': 'team-two' };

declare global {
  interface Window {
    live?: { events: string[]; errors: string[] };
  }
}

/** Opens `live.runs` in the page with the browser's own EventSource, recording what arrives. */
async function openLiveStream(page: Page, workspace: string) {
  await page.evaluate((slug) => {
    const params = new URLSearchParams({
      connectionParams: JSON.stringify({ workspace: slug }),
      input: JSON.stringify({ json: {} }),
    });
    const live = { events: [] as string[], errors: [] as string[] };
    window.live = live;
    const source = new EventSource(`/api/trpc/live.runs?${params}`);
    source.addEventListener('message', (e) => live.events.push(String(e.data)));
    source.addEventListener('serialized-error', (e) => {
      live.errors.push(String(e.data));
      source.close();
    });
  }, workspace);
  await expect.poll(() => page.evaluate(() => window.live!.events.length)).toBeGreaterThan(0);
}

test('a second workspace, a member invited by link, demoted and then removed, at once', async ({
  page,
  browser,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole('link', { name: 'New workspace' }).click();
  await page.getByLabel('Workspace name').fill('Team Two');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page).toHaveURL(/\/w\/team-two\/workflows$/);
  const switcher = page.getByRole('combobox', { name: 'Workspace' });
  await expect(switcher).toHaveValue('team-two');
  await expect(switcher.locator('option')).toHaveText(['Default', 'Team Two']);
  await expect(page.getByText('Role: owner')).toBeVisible();

  const link = await createInvitationLink(page, TEAMMATE.email, 'editor');
  await expect(
    page.getByRole('row', { name: `Invitation for ${TEAMMATE.email}` }).getByRole('cell', {
      name: 'pending',
    }),
  ).toBeVisible();

  const teammateContext = await browser.newContext();
  const teammate = await teammateContext.newPage();
  await joinWithNewAccount(teammate, link, TEAMMATE.password);
  await expect(teammate).toHaveURL(/\/w\/team-two\/workflows$/);
  await expect(teammate.getByText('Role: editor')).toBeVisible();
  await expect(teammate.getByRole('button', { name: 'Create workflow' })).toBeVisible();

  // The link worked once.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(link);
  await expect(strangerPage.getByRole('heading', { name: 'Invitation not valid' })).toBeVisible();
  await stranger.close();

  // Demoted to viewer: the next request already has the new role, without signing in again.
  await page.reload();
  await page.getByLabel(`Role of ${TEAMMATE.email}`).selectOption('viewer');
  await expect(page.getByLabel(`Role of ${TEAMMATE.email}`)).toHaveValue('viewer');
  const refused = await teammate.request.post('/api/trpc/workflow.create', {
    headers,
    data: { json: { name: 'Sneaky' } },
  });
  expect(refused.status()).toBe(403);
  await teammate.reload();
  await expect(teammate.getByText('Role: viewer')).toBeVisible();
  await expect(teammate.getByRole('button', { name: 'Create workflow' })).toHaveCount(0);

  // Removed: the open live stream ends and the API refuses, at once.
  await openLiveStream(teammate, 'team-two');
  await page.getByRole('button', { name: `Remove ${TEAMMATE.email}` }).click();
  await expect(memberCell(page, TEAMMATE.email)).toHaveCount(0);
  await expect
    .poll(() => teammate.evaluate(() => window.live!.errors.join()), { timeout: 3_000 })
    .toContain('NOT_FOUND');
  const list = await teammate.request.get('/api/trpc/workflow.list', { headers });
  expect(list.status()).toBe(401);
  await teammate.reload();
  await expect(teammate.getByRole('heading', { name: 'Sign in to MiniFlow' })).toBeVisible();
  await teammateContext.close();

  // Invited again, with the account they already have: they sign in first, then join.
  const again = await createInvitationLink(page, TEAMMATE.email, 'operator');
  const returning = await browser.newContext();
  const back = await returning.newPage();
  await back.goto(again);
  await expect(back.getByLabel('Choose a password')).toBeVisible();
  await back.getByRole('link', { name: 'Sign in to join' }).click();
  await back.getByLabel('Email').fill(TEAMMATE.email);
  await back.getByLabel('Password').fill(TEAMMATE.password);
  await back.getByRole('button', { name: 'Sign in' }).click();
  await back.getByRole('button', { name: 'Join Team Two' }).click();
  await expect(back).toHaveURL(/\/w\/team-two\/workflows$/);
  await expect(back.getByText('Role: operator')).toBeVisible();
  await returning.close();

  // The owner deletes the workspace, typing its name to confirm.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  const deleteButton = page.getByRole('button', { name: 'Delete workspace' });
  await expect(deleteButton).toBeDisabled();
  await page.getByLabel('Type "Team Two" to confirm').fill('Team Two');
  await deleteButton.click();
  await expect(page).toHaveURL(/\/w\/default\/workflows$/);
  await expect(switcher.locator('option')).toHaveText(['Default']);
});
