import { createDb } from '../server/db';
import { rotateMasterKey } from '../server/secrets/rotate-master-key';
import type { CliIo } from './io';
import { cliDatabaseUrl, dataDirOf, type CliEnvironment } from './local-database';
import { EXIT } from './usage-error';

/**
 * `miniflow keys rotate`: a new master key (or the one MINIFLOW_MASTER_KEY now names) wraps
 * every credential's data key; the server keeps running. Prints key ids, never keys.
 */
export async function keysRotateCommand(
  io: CliIo,
  env: CliEnvironment = process.env,
  cwd = process.cwd(),
): Promise<number> {
  const url = cliDatabaseUrl(env, cwd);
  const db = createDb(url, 1);
  try {
    const report = await rotateMasterKey(db, {
      ...(env.MINIFLOW_MASTER_KEY ? { masterKey: env.MINIFLOW_MASTER_KEY } : {}),
      previous: (env.MINIFLOW_MASTER_KEY_PREVIOUS ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      dataDir: dataDirOf(env, cwd),
    });
    io.out(
      `Master key ${report.keyId} now wraps every credential (${report.rewrapped} re-wrapped).\n`,
    );
    if (report.retired.length) io.out(`Retired keys: ${report.retired.join(', ')}\n`);
    return EXIT.ok;
  } catch (error) {
    io.err(`miniflow: could not rotate the master key: ${(error as Error).message}\n`);
    return EXIT.failed;
  } finally {
    await db.$disconnect();
  }
}
