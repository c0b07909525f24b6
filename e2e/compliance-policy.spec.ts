import { expect, test } from '@playwright/test';
import { OWNER, addMember, createWorkflow, importDefinition, signIn } from './helpers';

const EDITOR = { email: 'policy-editor@e2e.test', password: 'policy-editor-password' };

test('an admin allows only some HTTP hosts; an editor calling another cannot publish and sees why', async ({
  page,
  browser,
}) => {
  await signIn(page, OWNER.email, OWNER.password);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await addMember(page, EDITOR, 'editor');
  await page.getByLabel('Allowed HTTP hosts').fill('api.example.com\n*.partner.example');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Policy saved' })).toBeVisible();

  const context = await browser.newContext();
  const editor = await context.newPage();
  try {
    await signIn(editor, EDITOR.email, EDITOR.password);
    await createWorkflow(editor, 'Calls elsewhere');
    await importDefinition(editor, {
      schemaVersion: 1,
      name: 'Calls elsewhere',
      nodes: [
        { id: 'start', type: 'manual', params: {} },
        { id: 'call', type: 'http', params: { url: 'https://collector.elsewhere.test/data' } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    // The designer shows the violation while the draft is edited...
    await expect(editor.getByRole('list', { name: 'Policy violations' })).toContainText(
      'step "call" calls collector.elsewhere.test, which is not an allowed HTTP host',
    );
    // ...and publishing is refused with the step and the rule.
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    const why = editor.getByRole('alert').filter({ hasText: 'Cannot publish' });
    await expect(why).toContainText('nodes[1].params.url');
    await expect(why).toContainText('collector.elsewhere.test');
    await expect(why).toContainText('policy rule allowedHttpHosts');
    await expect(editor.getByText('Published version 1')).toHaveCount(0);
  } finally {
    await context.close();
  }

  // The report lists the workflow as violating; the policy is lifted for the other specs.
  await page.reload();
  await expect(page.getByRole('row', { name: 'Compliance of Calls elsewhere' })).toContainText(
    'not an allowed HTTP host',
  );
  await page.getByLabel('Allowed HTTP hosts').fill('');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Policy saved' })).toBeVisible();
});
