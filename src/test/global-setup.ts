import type { TestProject } from 'vitest/node';
import { startTempPostgres } from '../../scripts/lib/temp-postgres';
import { migrate } from '../server/db/migrate';
import { ensureQueueSchema } from '../server/runtime/queue-schema';

/**
 * One PostgreSQL cluster per test run. Migrations are applied once to a template
 * database; each test file gets its own copy (setup-database.ts), which is fast and keeps
 * files isolated from each other.
 */
export default async function setup(project: TestProject) {
  const pg = await startTempPostgres('miniflow-test-');
  const template = 'miniflow_template';
  const admin = await import('pg');
  const client = new admin.default.Client({ connectionString: pg.urlFor('postgres') });
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  await migrate(pg.urlFor(template));
  await ensureQueueSchema(pg.urlFor(template));
  project.provide('pgAdminUrl', pg.urlFor('postgres'));
  project.provide('pgTemplate', template);
  return async () => {
    await pg.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}
