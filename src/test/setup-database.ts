import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

// A fresh database per test file, cloned from the migrated template.
const adminUrl = inject('pgAdminUrl');
const template = inject('pgTemplate');
const database = `test_${randomBytes(6).toString('hex')}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-00';
process.env.MINIFLOW_AUDIT_KEY ??= 'test-audit-key-test-audit-key-test-00';
process.env.MINIFLOW_MASTER_KEY ??= 'dGVzdC1tYXN0ZXIta2V5LXRlc3QtbWFzdGVyLWtleS0=';
process.env.MINIFLOW_LOG_LEVEL ??= 'silent';

afterAll(async () => {
  const holder = globalThis as { __miniflowDb?: { $disconnect(): Promise<void> } };
  await holder.__miniflowDb?.$disconnect();
  holder.__miniflowDb = undefined;
});
