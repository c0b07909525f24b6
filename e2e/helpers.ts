import { expect, type Page } from '@playwright/test';

export const OWNER = { email: 'owner@e2e.test', password: 'owner-password-1' };

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', exact: true })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to MiniFlow' })).toBeVisible();
}

/** Creates a workflow from the list page and opens it in the designer. */
export async function createWorkflow(page: Page, name: string) {
  const create = page.getByRole('button', { name: 'Create workflow' });
  // Enabled once the page has hydrated: a name typed before that would be lost.
  await expect(create).toBeEnabled();
  await page.getByLabel('New workflow name').fill(name);
  await create.click();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Draft status' })).toBeVisible();
}

/** Replaces the open workflow's draft through the import dialog and waits until it is saved. */
export async function importDefinition(page: Page, definition: object) {
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Definition (JSON or YAML)').fill(JSON.stringify(definition, null, 2));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Draft status' })).toHaveText('All changes saved');
}

/** On the open workspace's settings, invites `email` with `role`; returns the link shown once. */
export async function createInvitationLink(page: Page, email: string, role: string) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByLabel('Invitee email').fill(email);
  await page.getByLabel('Invitee role').selectOption(role);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await page.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return link;
}

/** Opens an invitation link signed out and joins with a new account and its own password. */
export async function joinWithNewAccount(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel('Choose a password').fill(password);
  await page.getByLabel('Confirm password').fill(password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', exact: true })).toBeVisible();
}

/**
 * Adds a member the way an admin does: an invitation link, accepted in a browser of the
 * member's own (the admin's session stays as it was).
 */
export async function addMember(
  page: Page,
  member: { email: string; password: string },
  role: string,
) {
  const link = await createInvitationLink(page, member.email, role);
  const context = await page.context().browser()!.newContext();
  try {
    await joinWithNewAccount(await context.newPage(), link, member.password);
  } finally {
    await context.close();
  }
  await page.reload();
  await expect(memberCell(page, member.email)).toBeVisible();
}

/** The member's row in the settings' members table. */
export function memberCell(page: Page, email: string) {
  return page
    .getByRole('table', { name: 'Members' })
    .getByRole('cell', { name: email, exact: true });
}
