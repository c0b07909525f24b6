import { expect, test, type Page } from '@playwright/test';
import { createWorkflow, OWNER, signIn } from './helpers';

/**
 * Every page carries a nonce-based CSP that forbids framing, and the pages still work under
 * it: no script, style or connection of theirs is refused.
 */
function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('pages carry a nonce CSP, frame-ancestors none, a referrer policy and nosniff', async ({
  page,
}) => {
  const violations = collectViolations(page);
  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  const csp = headers['content-security-policy']!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-content-type-options']).toBe('nosniff');
  // Next put the request's nonce on the scripts it rendered; a second request gets another.
  const scriptNonces = await page
    .locator('script[src]')
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  const again = await page.request.get('/sign-in');
  expect(again.headers()['content-security-policy']).not.toContain(nonce!);

  await signIn(page, OWNER.email, OWNER.password);
  const home = await page.request.get(page.url());
  expect(home.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(violations).toEqual([]);
});

test('the designer and the monitor run under the CSP without a violation', async ({ page }) => {
  const violations = collectViolations(page);
  await signIn(page, OWNER.email, OWNER.password);
  await createWorkflow(page, `CSP ${Date.now()}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('link', { name: 'Monitor' }).click();
  await page
    .getByRole('navigation', { name: 'Monitor' })
    .getByRole('link', { name: 'Results' })
    .click();
  await expect(page.getByRole('button', { name: 'Last hour' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('signing in by another address than localhost stays on that address', async ({ page }) => {
  // The app listens on localhost; this client reaches it by its IP address.
  const host = `127.0.0.1:${process.env.MINIFLOW_E2E_PORT ?? 3100}`;
  await page.goto(`http://${host}/sign-in`);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Workflows', exact: true })).toBeVisible();
  expect(new URL(page.url()).host).toBe(host);
});
