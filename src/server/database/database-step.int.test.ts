import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialData } from '@/shared/credential-types';
import { startSecondPostgres, type SecondPostgres } from '@/test/second-postgres';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import { resolveCredential } from '../secrets/resolve-credential';
import type { Actor } from '../services/actor';
import { createCredential, replaceCredential } from '../services/credentials/save-credential';
import { setCompliancePolicy } from '../services/policies/set-compliance-policy';
import { DatabasePools } from './database-pools';

// The second PostgreSQL listens on loopback: the admin allows private networks here.
process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let second: SecondPostgres;
let actor: Actor;

function connection(overrides: Partial<CredentialData<'postgres'>> = {}) {
  return {
    host: second.host,
    port: second.port,
    database: second.database,
    user: second.user,
    password: second.password,
    tls: 'disable' as const,
    ...overrides,
  };
}

beforeAll(async () => {
  second = await startSecondPostgres();
  const admin = second.admin();
  await admin.connect();
  await admin.query('CREATE TABLE orders (id int PRIMARY KEY, status text NOT NULL, note text)');
  await admin.query(
    "INSERT INTO orders VALUES (1, 'paid', 'first'), (2, 'shipped', NULL), (3, 'open', 'x')",
  );
  await admin.end();
  actor = await ownerActor();
  await createCredential(db, actor, { name: 'SHOP_DB', type: 'postgres', data: connection() });
  await createCredential(db, actor, {
    name: 'SHOP_DB_TLS',
    type: 'postgres',
    data: connection({ host: 'localhost', tls: 'verify-full', ca: second.ca }),
  });
  await createCredential(db, actor, {
    name: 'SHOP_DB_UNTRUSTED',
    type: 'postgres',
    data: connection({ host: 'localhost', tls: 'verify-full' }),
  });
}, 120_000);

afterAll(async () => {
  await closeRunListener();
  await second?.stop();
});

/** Publishes manual → database step with `params`, runs it on a worker, returns the run. */
async function query(params: Record<string, unknown>, input: unknown = {}) {
  const { workflowId } = await publish(actor, {
    name: `Query ${Math.random()}`,
    nodes: [node('start', 'manual'), node('q', 'database', { credential: 'SHOP_DB', ...params })],
    edges: [edge('start', 'q')],
  });
  const { runId } = await startRun(actor, workflowId, input);
  return waitForRun(runId);
}

const outputOf = (run: { output: unknown }) =>
  (run.output as { q: unknown }).q as {
    columns: string[];
    rows: Record<string, unknown>[];
    rowCount: number;
    truncated: boolean;
  };

describe('the Database Query step on PostgreSQL', () => {
  it('returns rows with column names, values sent as parameters', async () => {
    await withWorker(async () => {
      const run = await query(
        {
          sql: 'SELECT id, status FROM orders WHERE id >= $1 ORDER BY id',
          parameters: ['{{ input.from }}'],
        },
        { from: 2 },
      );
      expect(run.status).toBe('succeeded');
      expect(outputOf(run)).toEqual({
        columns: ['id', 'status'],
        rows: [
          { id: 2, status: 'shipped' },
          { id: 3, status: 'open' },
        ],
        rowCount: 2,
        truncated: false,
      });
    });
  });

  it('treats injection attempts as plain values', async () => {
    await withWorker(async () => {
      for (const attack of [
        '1; DROP TABLE orders; --',
        "' OR '1'='1",
        '1 OR 1=1',
        "x'); DELETE FROM orders; --",
      ]) {
        const run = await query(
          {
            sql: 'SELECT id FROM orders WHERE note = $1 OR id::text = $1',
            parameters: ['{{ input.value }}'],
          },
          { value: attack },
        );
        expect(run.status, attack).toBe('succeeded');
        expect(outputOf(run).rows, attack).toEqual([]);
      }
      const admin = second.admin();
      await admin.connect();
      expect((await admin.query('SELECT count(*)::int AS n FROM orders')).rows[0]).toEqual({
        n: 3,
      });
      await admin.end();
    });
  });

  it('stops a statement at its timeout', async () => {
    await withWorker(async () => {
      const started = Date.now();
      const run = await query({ sql: 'SELECT pg_sleep(5)', timeoutMs: 300 });
      expect(run.status).toBe('failed');
      expect(JSON.stringify(run.error)).toMatch(/statement timeout/);
      expect(Date.now() - started).toBeLessThan(4_500);
    });
  });

  it('keeps at most the row cap and says so', async () => {
    await withWorker(async () => {
      const run = await query({ sql: 'SELECT n FROM generate_series(1, 50) AS n', maxRows: 10 });
      const out = outputOf(run);
      expect(out.rows).toHaveLength(10);
      expect(out.rows[9]).toEqual({ n: 10 });
      expect(out.truncated).toBe(true);
      expect(out.rowCount).toBe(50);
    });
  });

  it('refuses writes in a read-only transaction, allows them when asked', async () => {
    await withWorker(async () => {
      const insert = { sql: "INSERT INTO orders VALUES ($1, 'new', NULL)", parameters: [10] };
      const refused = await query(insert);
      expect(refused.status).toBe('failed');
      expect(JSON.stringify(refused.error)).toMatch(/read-only transaction/);
      const allowed = await query({ ...insert, readOnly: false });
      expect(allowed.status).toBe('succeeded');
      expect(outputOf(allowed).rowCount).toBe(1);
    });
  });

  it('connects over TLS with verify-full against the CA, and refuses an untrusted server', async () => {
    await withWorker(async () => {
      const tls = await query({
        credential: 'SHOP_DB_TLS',
        sql: 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      });
      expect(tls.status).toBe('succeeded');
      expect(outputOf(tls).rows).toEqual([{ ssl: true }]);
      const untrusted = await query({ credential: 'SHOP_DB_UNTRUSTED', sql: 'SELECT 1' });
      expect(untrusted.status).toBe('failed');
      expect(JSON.stringify(untrusted.error)).toMatch(/certificate/i);
    });
  });
});

describe('the allowed database hosts of the workspace', () => {
  it('refuse a published database step at run time once the policy leaves its host out', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Pooled policy',
      nodes: [
        node('start', 'manual'),
        node('q', 'database', { credential: 'SHOP_DB', sql: 'SELECT 1 AS one' }),
      ],
      edges: [edge('start', 'q')],
    });
    try {
      await withWorker(async () => {
        // The first run opens the credential's pool; the policy must bind the pooled one too.
        const before = await waitForRun((await startRun(actor, workflowId)).runId);
        expect(before.status).toBe('succeeded');
        await setCompliancePolicy(db, actor, {
          policy: { allowedDatabaseHosts: ['*.corp.internal'] },
        });
        const refused = await waitForRun((await startRun(actor, workflowId)).runId);
        expect(refused.status).toBe('failed');
        expect(JSON.stringify(refused.error)).toContain(
          `Refused to connect to ${second.host}: ${second.host} is not an allowed database host ` +
            'of this workspace (allowed: *.corp.internal)',
        );
        await setCompliancePolicy(db, actor, {
          policy: { allowedDatabaseHosts: ['*.corp.internal', second.host] },
        });
        const allowed = await waitForRun((await startRun(actor, workflowId)).runId);
        expect(allowed.status).toBe('succeeded');
      });
    } finally {
      await setCompliancePolicy(db, actor, { policy: {} });
    }
  });
});

describe('database pools', () => {
  const resolve = (name: string) =>
    resolveCredential(db, { workspaceId: actor.workspaceId, workflowId: 'any', name });

  it('refuse a private address unless the admin allows private networks', async () => {
    const pools = new DatabasePools({ allowPrivateNetwork: false });
    try {
      await expect(
        pools.forRun(resolve).query({
          credential: 'SHOP_DB',
          sql: 'SELECT 1',
          params: [],
          readOnly: true,
          timeoutMs: 1000,
          maxRows: 1,
        }),
      ).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    } finally {
      await pools.close();
    }
  });

  it('are kept per credential version and closed when the credential changes', async () => {
    const pools = new DatabasePools({ allowPrivateNetwork: true });
    const made = await createCredential(db, actor, {
      name: 'POOLED',
      type: 'postgres',
      data: connection(),
    });
    const ask = {
      credential: 'POOLED',
      sql: 'SELECT 1 AS one',
      params: [],
      readOnly: true,
      timeoutMs: 1000,
      maxRows: 1,
    };
    try {
      expect((await pools.forRun(resolve).query(ask)).rows).toEqual([{ one: 1 }]);
      expect(pools.openCredentialIds()).toEqual([made.id]);
      await replaceCredential(db, actor, {
        id: made.id,
        type: 'postgres',
        data: connection({ user: 'nobody' }),
      });
      expect(pools.openCredentialIds()).toEqual([]);
      await expect(pools.forRun(resolve).query(ask)).rejects.toThrow(/nobody/);
    } finally {
      await pools.close();
    }
  });
});
