import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets generated on the first start and kept in the data folder, so that sessions and
 * the embedded database survive restarts without the user configuring anything.
 */
export interface LocalConfig {
  postgresPassword: string;
  postgresPort: number;
  authSecret: string;
  /** Key of the audit chain's HMAC; added to the config of installations older than it. */
  auditKey: string;
}

/** The config, and whether this start created the audit key (first start or upgrade). */
export async function loadLocalConfig(
  dataDir: string,
): Promise<LocalConfig & { auditKeyIsNew: boolean }> {
  const file = path.join(dataDir, 'config.json');
  if (existsSync(file)) {
    const existing = JSON.parse(readFileSync(file, 'utf8')) as LocalConfig;
    if (existing.auditKey) return { ...existing, auditKeyIsNew: false };
    const upgraded = { ...existing, auditKey: newAuditKey() };
    await writeFile(file, `${JSON.stringify(upgraded, null, 2)}\n`, { mode: 0o600 });
    return { ...upgraded, auditKeyIsNew: true };
  }
  const config: LocalConfig = {
    postgresPassword: randomBytes(18).toString('base64url'),
    postgresPort: 54329,
    authSecret: randomBytes(32).toString('base64url'),
    auditKey: newAuditKey(),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return { ...config, auditKeyIsNew: true };
}

function newAuditKey(): string {
  return randomBytes(32).toString('base64url');
}
