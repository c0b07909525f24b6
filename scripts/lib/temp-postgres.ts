import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/server/db/embedded-postgres';

/**
 * A throw-away PostgreSQL cluster in a temporary folder (tests, benchmarks, migration
 * tooling). Durability is off unless asked for: nothing in it outlives the process.
 */
export async function startTempPostgres(
  prefix = 'miniflow-pg-',
  options: { durable?: boolean } = {},
): Promise<RunningPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  // mkdtemp makes it private; as root, the server runs as `postgres` and must enter it.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    password: randomBytes(12).toString('hex'),
    ephemeral: !options.durable,
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
