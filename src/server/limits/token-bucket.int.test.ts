import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { pgSql } from '../runtime/sql';
import { RefusalMemo } from './refusal-memo';
import { takeFromBucket } from './token-bucket';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const sql = pgSql(pool);
afterAll(() => pool.end());

const run = promisify(execFile);

describe('token buckets in PostgreSQL', () => {
  it('allow a burst, then refuse with the time until the next token', async () => {
    const limit = { perSecond: 1, burst: 3 };
    const verdicts = [];
    for (let i = 0; i < 4; i++)
      verdicts.push(await takeFromBucket(sql, 'burst-then-refuse', limit));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts.map((v) => v.remaining)).toEqual([2, 1, 0, 0]);
    const refused = verdicts[3]!;
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(900);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    }
  });

  it('refill at their rate', async () => {
    const limit = { perSecond: 20, burst: 1 };
    expect((await takeFromBucket(sql, 'refill', limit)).allowed).toBe(true);
    expect((await takeFromBucket(sql, 'refill', limit)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await takeFromBucket(sql, 'refill', limit)).allowed).toBe(true);
  });

  it('grant exactly the burst to concurrent requests', async () => {
    const limit = { perSecond: 0.001, burst: 5 };
    const verdicts = await Promise.all(
      Array.from({ length: 40 }, () => takeFromBucket(sql, 'concurrent', limit)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it('refuse a flood from memory once the database has refused, for exactly as long', async () => {
    let statements = 0;
    const counted = {
      query: <T>(text: string, params?: unknown[]) => {
        statements++;
        return sql.query<T>(text, params);
      },
    };
    const memo = new RefusalMemo();
    const limit = { perSecond: 20, burst: 1 };
    expect((await takeFromBucket(counted, 'memo', limit, memo)).allowed).toBe(true);
    expect((await takeFromBucket(counted, 'memo', limit, memo)).allowed).toBe(false);
    for (let i = 0; i < 50; i++) {
      expect((await takeFromBucket(counted, 'memo', limit, memo)).allowed).toBe(false);
    }
    expect(statements).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await takeFromBucket(counted, 'memo', limit, memo)).allowed).toBe(true);
    expect(statements).toBe(3);
  });

  it('are shared by two MiniFlow processes', async () => {
    const limit = { perSecond: 0.001, burst: 10 };
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/test/bucket-process.ts', 'two-processes', '0.001', '10', '8'],
      { env: process.env },
    );
    expect(stdout).toContain('allowed 8');
    const here = await Promise.all(
      Array.from({ length: 10 }, () => takeFromBucket(sql, 'two-processes', limit)),
    );
    expect(here.filter((v) => v.allowed)).toHaveLength(2);
  });
});
