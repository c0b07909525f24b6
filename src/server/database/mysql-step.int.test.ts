import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbMissing, startTempMariadb, type TempMariadb } from '@/test/temp-mariadb';
import { ownerActor } from '@/test/runtime-fixtures';
import { db } from '../db';
import { resolveCredential } from '../secrets/resolve-credential';
import type { Actor } from '../services/actor';
import { createCredential } from '../services/credentials/save-credential';
import { DatabasePools } from './database-pools';

let server: TempMariadb;
let actor: Actor;
let pools: DatabasePools;

const title = mariadbMissing
  ? `the Database Query step on MySQL (skipped: ${mariadbMissing})`
  : 'the Database Query step on MySQL (MariaDB)';

describe.skipIf(mariadbMissing !== undefined)(title, () => {
  beforeAll(async () => {
    server = await startTempMariadb();
    const c = await server.connect();
    await c.query('CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(20), note TEXT)');
    await c.query("INSERT INTO orders VALUES (1, 'paid', 'first'), (2, 'shipped', NULL)");
    await c.end();
    actor = await ownerActor();
    await createCredential(db, actor, {
      name: 'SHOP_MYSQL',
      type: 'mysql',
      data: {
        host: server.host,
        port: server.port,
        database: server.database,
        user: server.user,
        password: server.password,
        tls: 'disable',
      },
    });
    pools = new DatabasePools({ allowPrivateNetwork: true });
  }, 120_000);

  afterAll(async () => {
    await pools?.close();
    await server?.stop();
  });

  const run = (sql: string, params: unknown[] = [], more: object = {}) =>
    pools
      .forRun((name) =>
        resolveCredential(db, { workspaceId: actor.workspaceId, workflowId: 'any', name }),
      )
      .query({
        credential: 'SHOP_MYSQL',
        sql,
        params,
        readOnly: true,
        timeoutMs: 5_000,
        maxRows: 100,
        ...more,
      });

  it('returns rows with column names, values sent as parameters', async () => {
    expect(await run('SELECT id, status FROM orders WHERE id >= ? ORDER BY id', [2])).toEqual({
      columns: ['id', 'status'],
      rows: [{ id: 2, status: 'shipped' }],
      rowCount: 1,
      truncated: false,
    });
  });

  it('treats injection attempts as plain values', async () => {
    for (const attack of ['1; DROP TABLE orders; --', "' OR '1'='1"]) {
      expect((await run('SELECT id FROM orders WHERE note = ?', [attack])).rows).toEqual([]);
    }
    expect((await run('SELECT COUNT(*) AS n FROM orders')).rows).toEqual([{ n: 2 }]);
  });

  it('keeps at most the row cap, refuses writes when read-only, and times out', async () => {
    const capped = await run('SELECT id FROM orders ORDER BY id', [], { maxRows: 1 });
    expect(capped).toMatchObject({ rows: [{ id: 1 }], rowCount: 2, truncated: true });
    await expect(run("INSERT INTO orders VALUES (3, 'new', NULL)")).rejects.toThrow(/READ ONLY/i);
    expect(
      await run("INSERT INTO orders VALUES (3, 'new', NULL)", [], { readOnly: false }),
    ).toMatchObject({ rowCount: 1 });
    await expect(run('SELECT SLEEP(3)', [], { timeoutMs: 300 })).rejects.toThrow(/timeout/i);
  });
});
