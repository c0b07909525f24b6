import { auditEnv } from '../server/env';
import { createDb } from '../server/db';
import { verifyAllAuditChains, type ChainReport } from '../server/audit/verify-audit-chain';
import type { CliIo } from './io';
import { cliDatabaseUrl, dataDirOf, readLocalConfig, type CliEnvironment } from './local-database';
import { EXIT, UsageError } from './usage-error';

/** The key: MINIFLOW_AUDIT_KEY, or the one `npm start` generated into the data folder. */
function auditKey(env: CliEnvironment, cwd: string): string {
  const fromDataDir = readLocalConfig(dataDirOf(env, cwd))?.auditKey;
  try {
    return auditEnv({ MINIFLOW_AUDIT_KEY: env.MINIFLOW_AUDIT_KEY || fromDataDir })
      .MINIFLOW_AUDIT_KEY;
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}: set it, or MINIFLOW_DATA_DIR to the folder npm start uses`,
    );
  }
}

/**
 * `miniflow audit verify`: checks every audit chain (the system chain and each workspace's)
 * from its first event and names the first broken link of each. Exit 0 when all hold, 1 when
 * one is broken, 2 when the database or the key cannot be found.
 */
export async function auditVerifyCommand(
  io: CliIo,
  env: CliEnvironment = process.env,
  cwd = process.cwd(),
): Promise<number> {
  const url = cliDatabaseUrl(env, cwd);
  const key = auditKey(env, cwd);
  const db = createDb(url, 1);
  let reports: ChainReport[];
  let slugs: Map<string, string>;
  try {
    reports = await verifyAllAuditChains(db, key);
    const workspaces = await db.workspace.findMany({ select: { id: true, slug: true } });
    slugs = new Map(workspaces.map((w) => [w.id, w.slug]));
    // The chain shows what was changed; a switched-off trigger says it can happen again.
    const triggers = await db.$queryRaw<Array<{ name: string }>>`
      SELECT tgname::text AS name FROM pg_trigger
      WHERE tgrelid = '"AuditEvent"'::regclass AND tgenabled <> 'D'
        AND tgname IN ('AuditEvent_append_only', 'AuditEvent_no_truncate')`;
    if (triggers.length < 2) {
      io.err(
        'miniflow: warning: the append-only triggers of "AuditEvent" are missing or disabled; ' +
          'events can be changed or deleted\n',
      );
    }
  } catch (error) {
    io.err(`miniflow: could not read the audit events: ${(error as Error).message}\n`);
    return EXIT.invalid;
  } finally {
    await db.$disconnect();
  }

  const name = (r: ChainReport) =>
    r.workspaceId === null
      ? 'system chain'
      : `workspace ${slugs.get(r.workspaceId) ?? '(deleted)'} (${r.workspaceId})`;
  let events = 0;
  const broken = reports.filter((r) => r.broken);
  for (const report of reports) {
    events += report.checked;
    const link = report.broken;
    io.out(
      link
        ? `BROKEN ${name(report)}: event ${link.eventId} (${link.action}, ${link.at.toISOString()}): ${link.problem}\n`
        : `ok     ${name(report)}: ${report.checked} events\n`,
    );
  }
  if (broken.length) {
    io.out(`Audit trail broken in ${broken.length} of ${reports.length} chains.\n`);
    return EXIT.failed;
  }
  io.out(`Audit trail intact: ${events} events in ${reports.length} chains.\n`);
  return EXIT.ok;
}
