/**
 * A second MiniFlow process taking from a token bucket, for the test that two processes
 * share one:  node --import tsx src/test/bucket-process.ts <key> <perSecond> <burst> <tries>
 * Reads DATABASE_URL; prints `allowed <n>` once all its tries were answered.
 */
import pg from 'pg';
import { takeFromBucket } from '@/server/limits/token-bucket';
import { pgSql } from '@/server/runtime/sql';

const [key, perSecond, burst, tries] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
const sql = pgSql(pool);
const limit = { perSecond: Number(perSecond), burst: Number(burst) };
const verdicts = await Promise.all(
  Array.from({ length: Number(tries) }, () => takeFromBucket(sql, key!, limit)),
);
process.stdout.write(`allowed ${verdicts.filter((v) => v.allowed).length}\n`);
await pool.end();
