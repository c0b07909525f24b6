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
}

export async function loadLocalConfig(dataDir: string): Promise<LocalConfig> {
  const file = path.join(dataDir, 'config.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalConfig;
  const config: LocalConfig = {
    postgresPassword: randomBytes(18).toString('base64url'),
    postgresPort: 54329,
    authSecret: randomBytes(32).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return config;
}
