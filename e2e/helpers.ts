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
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to MiniFlow' })).toBeVisible();
}

/** Creates a workflow from the list page and opens it in the designer. */
export async function createWorkflow(page: Page, name: string) {
  await page.getByLabel('New workflow name').fill(name);
  await page.getByRole('button', { name: 'Create workflow' }).click();
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
