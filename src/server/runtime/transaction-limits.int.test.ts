import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedPoolConfig } from './runtime-context';
import { runtimeLimits } from './runtime-limits';
import { inTransaction, TransactionTimeoutError } from './sql';

let pool: pg.Pool;
beforeAll(async () => {
  const limits = runtimeLimits({ statementTimeoutMs: 300, transactionTimeoutMs: 1_000 });
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, ...boundedPoolConfig(limits) });
  await pool.query('CREATE TABLE IF NOT EXISTS tx_limit_probe (n int)');
});
afterAll(() => pool.end());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runtime transaction limits', () => {
  it('rolls back a transaction that outlives its time limit, naming the limit', async () => {
    const attempt = inTransaction(
      pool,
      async (sql) => {
        await sql.query('INSERT INTO tx_limit_probe VALUES (1)');
        await sleep(250);
        await sql.query('INSERT INTO tx_limit_probe VALUES (2)');
      },
      200,
    );
    await expect(attempt).rejects.toThrow(TransactionTimeoutError);
    await expect(attempt).rejects.toThrow(
      /time limit of 200 ms \(MINIFLOW_TRANSACTION_TIMEOUT_MS\)/,
    );
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM tx_limit_probe');
    expect(rows[0].n).toBe(0);
  });

  it('cancels a statement that runs past the statement timeout', async () => {
    const attempt = inTransaction(pool, (sql) => sql.query('SELECT pg_sleep(5)'));
    await expect(attempt).rejects.toThrow(/statement timeout/);
  });

  it('ends a session left idle inside a transaction', async () => {
    const client = await pool.connect();
    const lost = new Promise((resolve) => client.once('error', resolve));
    await client.query('BEGIN');
    await expect(lost).resolves.toBeDefined();
    client.release(true);
  });

  it('leaves the pool usable afterwards', async () => {
    await expect(inTransaction(pool, (sql) => sql.query('SELECT 1 AS one'))).resolves.toEqual([
      { one: 1 },
    ]);
  });
});
