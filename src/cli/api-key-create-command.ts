import type { z } from 'zod';
import { apiKeyName, apiKeyRole } from '../server/api-keys/api-key-inputs';
import { insertApiKey } from '../server/api-keys/insert-api-key';
import { apiKeyPepper } from '../server/api-keys/key-hash';
import { createDb } from '../server/db';
import { auditEnv } from '../server/env';
import type { CliIo } from './io';
import { cliDatabaseUrl, dataDirOf, readLocalConfig, type CliEnvironment } from './local-database';
import { EXIT, UsageError } from './usage-error';

export interface ApiKeyCreateOptions {
  workspace: string;
  role: string;
  name: string;
  expiresIn?: string;
}

const UNIT_MS = { h: 3_600_000, d: 86_400_000 } as const;
const MAX_MS = 3650 * UNIT_MS.d;

/** `--expires-in 30d` or `12h`: when the key stops working. */
export function parseExpiresIn(value: string, now: number): Date {
  const match = /^(\d{1,6})([hd])$/.exec(value.trim());
  if (!match) throw new UsageError('--expires-in: must be hours or days, such as 12h or 30d');
  const ms = Number(match[1]) * UNIT_MS[match[2] as 'h' | 'd'];
  if (ms <= 0 || ms > MAX_MS) throw new UsageError('--expires-in: must be from 1h to 3650d');
  return new Date(now + ms);
}

function field<S extends z.ZodType>(schema: S, value: string, flag: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/**
 * `api-key create`: makes a key on the server's own database (the one `npm start` uses),
 * for setting up automation without a browser. Prints the key once, on stdout alone, so
 * `KEY=$(npx miniflow api-key create …)` captures it.
 */
export async function apiKeyCreateCommand(
  options: ApiKeyCreateOptions,
  io: CliIo,
  env: CliEnvironment = process.env,
  cwd = process.cwd(),
): Promise<number> {
  const role = field(apiKeyRole, options.role, '--role');
  const name = field(apiKeyName, options.name, '--name');
  const expiresAt = options.expiresIn ? parseExpiresIn(options.expiresIn, Date.now()) : null;
  const url = cliDatabaseUrl(env, cwd);
  const local = readLocalConfig(dataDirOf(env, cwd));
  const authSecret = env.AUTH_SECRET || local?.authSecret;
  if (!authSecret) {
    throw new UsageError(
      'AUTH_SECRET is not set and the data folder holds none: set the AUTH_SECRET the server uses',
    );
  }
  // Audit events are keyed; recordAudit reads the key from this process's environment.
  process.env.MINIFLOW_AUDIT_KEY ||= env.MINIFLOW_AUDIT_KEY || local?.auditKey;
  try {
    auditEnv();
  } catch (error) {
    throw new UsageError(`${(error as Error).message}: set the key the server uses`);
  }
  const db = createDb(url, 1);
  try {
    const workspace = await db.workspace.findFirst({
      where: { slug: options.workspace, deletedAt: null },
      select: { id: true },
    });
    if (!workspace) throw new UsageError(`--workspace: no workspace "${options.workspace}"`);
    const made = await db.$transaction((tx) =>
      insertApiKey(tx, apiKeyPepper(authSecret), {
        workspaceId: workspace.id,
        name,
        role,
        expiresAt,
        createdById: null,
      }),
    );
    io.out(`${made.key}\n`);
    io.err(
      `Created API key "${name}" (${role}) for workspace ${options.workspace}` +
        `${expiresAt ? `, expiring ${expiresAt.toISOString()}` : ''}. ` +
        'It is shown only this once.\n',
    );
    return EXIT.ok;
  } finally {
    await db.$disconnect();
  }
}
