import pg from 'pg';

/**
 * PostgreSQL's own rate of small write transactions (insert, update, commit) from 8
 * clients over 5 s: the ceiling throughput figures are divided by, since absolute figures
 * move from machine to machine.
 */
export async function measurePgTps(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_tps (id serial primary key, n int not null)');
  const deadline = performance.now() + 5_000;
  let count = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < deadline) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ id: number }>(
            'INSERT INTO bench_tps (n) VALUES (0) RETURNING id',
          );
          await client.query('UPDATE bench_tps SET n = n + 1 WHERE id = $1', [rows[0]!.id]);
          await client.query('COMMIT');
          count++;
        } finally {
          client.release();
        }
      }
    }),
  );
  await pool.end();
  return Math.round(count / 5);
}
