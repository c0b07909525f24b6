import { expect, test, type Page } from '@playwright/test';
import { startSecondPostgres, type SecondPostgres } from '../src/test/second-postgres';
import { OWNER, addMember, createWorkflow, importDefinition, signIn, signOut } from './helpers';

test.use({ viewport: { width: 1800, height: 1000 } });

const ADMIN = { email: 'cred-admin@e2e.test', password: 'cred-admin-password-1' };
const EDITOR = { email: 'cred-editor@e2e.test', password: 'cred-editor-password-1' };
const VIEWER = { email: 'cred-viewer@e2e.test', password: 'cred-viewer-password-1' };

let second: SecondPostgres;

test.beforeAll(async () => {
  second = await startSecondPostgres('crm');
  const admin = second.admin();
  await admin.connect();
  await admin.query('CREATE TABLE customers (id int PRIMARY KEY, name text, email text)');
  await admin.query(
    "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.com'), (2, 'Grace', 'grace@example.com'), (3, 'Edsger', 'ed@example.com')",
  );
  await admin.end();
});
test.afterAll(async () => {
  await second?.stop();
});

async function openSettings(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
}

test('an admin adds a PostgreSQL credential, an editor queries with it, a viewer sees masked values only', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, OWNER.email, OWNER.password);
  await addMember(page, ADMIN, 'admin');
  await addMember(page, EDITOR, 'editor');
  await addMember(page, VIEWER, 'viewer');
  await signOut(page);

  // The admin saves the connection; its password is never shown again.
  await signIn(page, ADMIN.email, ADMIN.password);
  await openSettings(page);
  const form = page.getByRole('form', { name: 'Add a credential' });
  await form.getByLabel('Credential name').fill('CRM_DB');
  await form.getByLabel('Credential type').selectOption('postgres');
  await form.getByLabel('Host').fill(second.host);
  await form.getByLabel('Port').fill(String(second.port));
  await form.getByLabel('Database').fill(second.database);
  await form.getByLabel('User').fill(second.user);
  await form.getByLabel('Password').fill(second.password);
  await form.getByLabel('TLS').selectOption('disable');
  await form.getByRole('button', { name: 'Save credential' }).click();
  const row = page.getByRole('row', { name: 'Credential CRM_DB' });
  await expect(row).toContainText('set (version 1)');
  await expect(row).toContainText('PostgreSQL connection');
  await page.reload();
  await expect(page.getByRole('row', { name: 'Credential CRM_DB' })).toBeVisible();
  expect(await page.content()).not.toContain(second.password);
  // Checked once the server has saved it.
  await page.getByLabel('Email addresses').click();
  await expect(page.getByLabel('Email addresses')).toBeChecked();
  await signOut(page);

  // The editor finds the step in the palette and builds webhook → Database Query → Respond.
  await signIn(page, EDITOR.email, EDITOR.password);
  await createWorkflow(page, 'Customer lookup');
  await page
    .getByRole('region', { name: 'Steps' })
    .getByRole('button', { name: 'Database Query' })
    .click();
  await expect(page.getByRole('group', { name: 'Database Query', exact: true })).toBeVisible();
  await importDefinition(page, {
    schemaVersion: 1,
    name: 'Customer lookup',
    nodes: [
      {
        id: 'hook',
        type: 'webhook',
        params: { path: 'customers/find', method: 'POST', responseMode: 'respondStep' },
      },
      {
        id: 'lookup',
        type: 'database',
        params: {
          credential: 'CRM_DB',
          sql: 'SELECT id, name, email FROM customers WHERE id >= $1 ORDER BY id',
          parameters: ['{{ input.body.fromId }}'],
          maxRows: 10,
        },
      },
      {
        id: 'reply',
        type: 'respond',
        params: { status: 200, body: { rows: '{{ steps.lookup.rows }}' } },
      },
    ],
    edges: [
      { from: 'hook', to: 'lookup' },
      { from: 'lookup', to: 'reply' },
    ],
  });
  await page.getByLabel('Version message').fill('lookup');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();

  const res = await page.request.post('/api/hooks/default/customers/find', {
    data: { fromId: 2, contact: 'caller@example.com' },
  });
  expect(res.status()).toBe(200);
  // The rows come back; what the run stored is masked (email addresses are switched on).
  const body = (await res.json()) as { rows: { id: number; name: string }[] };
  expect(body.rows.map((r) => [r.id, r.name])).toEqual([
    [2, 'Grace'],
    [3, 'Edsger'],
  ]);
  const runId = res.headers()['x-miniflow-run-id']!;
  await signOut(page);

  // The viewer sees the run with masked values and cannot read the credential.
  await signIn(page, VIEWER.email, VIEWER.password);
  await page.goto(`/w/default/runs/${runId}`);
  await expect(page.getByLabel('Run status')).toHaveText('succeeded');
  await expect(page.getByLabel('Run input')).toContainText('••••[email]');
  const html = await page.content();
  for (const plain of ['caller@example.com', 'grace@example.com', second.password]) {
    expect(html).not.toContain(plain);
  }
  await openSettings(page);
  await expect(page.getByRole('heading', { name: 'Credentials' })).toHaveCount(0);
  const list = await page.request.get('/api/trpc/credential.list', {
    headers: { 'x-miniflow-workspace': 'default' },
  });
  expect(list.status()).toBe(403);
  expect(await list.text()).not.toContain(second.password);
});
