import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { OWNER, addMember, signIn, signOut } from './helpers';

const VIEWER = { email: 'audit-viewer@e2e.test', password: 'audit-viewer-password-1' };

async function openAudit(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { name: 'Audit', exact: true })).toBeVisible();
}

test('an admin reads, filters, verifies and exports the audit trail; a viewer cannot', async ({
  page,
}) => {
  // A failed and a successful sign-in, then a member added and promoted.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password')).toBeVisible();
  await signIn(page, OWNER.email, OWNER.password);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await addMember(page, VIEWER, 'editor');
  await page.getByLabel(`Role of ${VIEWER.email}`).selectOption('viewer');
  await expect(page.getByLabel(`Role of ${VIEWER.email}`)).toHaveValue('viewer');

  await openAudit(page);
  const events = page.getByRole('table', { name: 'Audit events, newest first' });
  // The member who joined signed in too: the owner's sign-in is an earlier row.
  const signedIn = events
    .getByRole('row')
    .filter({ hasText: 'auth.signed_in' })
    .filter({ hasText: OWNER.email })
    .first();
  await expect(signedIn).toBeVisible();
  // The client address of the request (loopback here).
  await expect(signedIn).toContainText(/127\.0\.0\.1|::1/);
  await expect(
    events.getByRole('row').filter({ hasText: 'auth.sign_in_failed' }).first(),
  ).toBeVisible();

  await page.getByLabel('Action').fill('member.');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(events.getByRole('row').filter({ hasText: 'auth.' })).toHaveCount(0);
  const roleChange = events.getByRole('row').filter({ hasText: 'member.role_changed' }).first();
  await expect(roleChange).toContainText('"from":"editor"');
  await expect(roleChange).toContainText('"to":"viewer"');
  await expect(roleChange).toContainText(OWNER.email);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status', { name: 'Chain verification' })).toHaveText(
    /^Chain intact: \d+ events verified\.$/,
  );

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit-default.csv');
  const csv = await readFile(await file.path(), 'utf8');
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  expect(header).toBe('id,time,actor,actor_id,action,target_type,target_id,client_address,details');
  expect(rows.length).toBeGreaterThanOrEqual(1);
  expect(rows.every((row) => row.includes(',member.'))).toBe(true);
  expect(csv).toContain('member.role_changed');
  await signOut(page);

  await signIn(page, VIEWER.email, VIEWER.password);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await page.goto('/w/default/audit');
  await expect(page.getByText('The audit trail is open to admins and owners.')).toBeVisible();
  const headers = { 'x-miniflow-workspace': 'default' };
  for (const procedure of ['audit.list', 'audit.exportCsv', 'audit.verify']) {
    const res = await page.request.get(`/api/trpc/${procedure}`, { headers });
    expect(res.status(), procedure).toBe(403);
  }
  await signOut(page);
});
