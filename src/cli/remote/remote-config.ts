import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CliEnvironment } from '../local-database';
import { UsageError } from '../usage-error';

/** Where a remote command sends its requests, and with which key. */
export interface RemoteTarget {
  url: string;
  apiKey: string;
}

/** The user's config folder: XDG on Linux, Application Support on macOS, AppData on Windows. */
export function configDir(env: CliEnvironment): string {
  if (env.XDG_CONFIG_HOME) return env.XDG_CONFIG_HOME;
  const home = env.HOME || os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  if (process.platform === 'win32') return env.APPDATA || path.join(home, 'AppData', 'Roaming');
  return path.join(home, '.config');
}

export function loginFile(env: CliEnvironment): string {
  return path.join(configDir(env), 'miniflow', 'login.json');
}

/** A server URL as given, or a usage error naming the problem. */
export function serverUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what}: not a URL (e.g. http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what}: must be an http:// or https:// URL`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * MINIFLOW_URL and MINIFLOW_API_KEY, each falling back to what `miniflow login` saved. The
 * login file holds a key, so it is written readable by its owner only.
 */
export function remoteTarget(env: CliEnvironment): RemoteTarget {
  const file = loginFile(env);
  let saved: Partial<RemoteTarget> = {};
  if (existsSync(file)) {
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<RemoteTarget>;
    } catch {
      throw new UsageError(`${file}: not valid JSON; run "miniflow login" again`);
    }
  }
  const url = env.MINIFLOW_URL || saved.url;
  const apiKey = env.MINIFLOW_API_KEY || saved.apiKey;
  if (!url || !apiKey) {
    throw new UsageError(
      `${url ? 'MINIFLOW_API_KEY' : 'MINIFLOW_URL'} is not set: set MINIFLOW_URL and ` +
        'MINIFLOW_API_KEY, or run "miniflow login --url <url>"',
    );
  }
  return { url: serverUrl(url, env.MINIFLOW_URL ? 'MINIFLOW_URL' : file), apiKey };
}

export async function saveLogin(env: CliEnvironment, target: RemoteTarget): Promise<string> {
  const file = loginFile(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(target, null, 2)}\n`, { mode: 0o600 });
  // The mode given to writeFile applies only when the file is created.
  await chmod(file, 0o600);
  return file;
}
