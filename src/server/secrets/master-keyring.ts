import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '../env';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The master key data keys are wrapped with now, and every key they may still be under. */
export interface Keyring {
  current: MasterKey;
  byId: ReadonlyMap<string, MasterKey>;
}

export const KEYRING_FILE = 'master-keys.json';

interface KeyringFile {
  current: string;
  keys: Record<string, string>;
}

export function decodeMasterKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('A master key must be 32 bytes');
  return key;
}

/** A key's id names it without revealing it: the start of its SHA-256. */
export function masterKeyOf(key: Buffer): MasterKey {
  return { id: `mk_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`, key };
}

export function keyringOf(current: MasterKey, others: readonly MasterKey[] = []): Keyring {
  const byId = new Map<string, MasterKey>();
  for (const key of [current, ...others]) byId.set(key.id, key);
  return { current, byId };
}

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE);
}

/** Written whole and renamed into place, readable by the owner only. */
export function writeKeyringFile(dataDir: string, keyring: Keyring): void {
  const file = keyringPath(dataDir);
  const content: KeyringFile = {
    current: keyring.current.id,
    keys: Object.fromEntries(
      [...keyring.byId.values()].map((k) => [k.id, k.key.toString('base64')]),
    ),
  };
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

export function readKeyringFile(dataDir: string): Keyring | undefined {
  const file = keyringPath(dataDir);
  if (!existsSync(file)) return undefined;
  const content = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
  const keys = Object.values(content.keys).map((k) => masterKeyOf(decodeMasterKey(k)));
  const current = keys.find((k) => k.id === content.current);
  if (!current) throw new Error(`${file} names a current key it does not hold`);
  return keyringOf(current, keys);
}

export interface KeyringSource {
  masterKey?: string;
  previous?: readonly string[];
  dataDir: string;
}

/**
 * The keyring from MINIFLOW_MASTER_KEY (and MINIFLOW_MASTER_KEY_PREVIOUS) when set, else from
 * the data folder's key file, which the first call creates with a random key. The key is
 * printed nowhere.
 */
export function loadKeyring(source: KeyringSource): Keyring {
  if (source.masterKey) {
    const previous = (source.previous ?? []).map((k) => masterKeyOf(decodeMasterKey(k)));
    return keyringOf(masterKeyOf(decodeMasterKey(source.masterKey)), previous);
  }
  const existing = readKeyringFile(source.dataDir);
  if (existing) return existing;
  const created = keyringOf(masterKeyOf(randomBytes(32)));
  writeKeyringFile(source.dataDir, created);
  return created;
}

export function keyringSourceFromEnv(): KeyringSource {
  const e = processEnv();
  return {
    ...(e.MINIFLOW_MASTER_KEY ? { masterKey: e.MINIFLOW_MASTER_KEY } : {}),
    ...(e.MINIFLOW_MASTER_KEY_PREVIOUS ? { previous: e.MINIFLOW_MASTER_KEY_PREVIOUS } : {}),
    dataDir: e.MINIFLOW_DATA_DIR,
  };
}

function stampOf(source: KeyringSource): string {
  if (source.masterKey) return 'env';
  try {
    const stat = statSync(keyringPath(source.dataDir));
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'none';
  }
}

let cached: { keyring: Keyring; stamp: string } | undefined;

/**
 * This process's keyring, read again whenever its file changed (a rotation by
 * `miniflow keys rotate` while the server runs) or when `reload` is asked for: a data key
 * wrapped under a key this process has not seen means a rotation ran meanwhile.
 */
export function processKeyring(reload = false): Keyring {
  const source = keyringSourceFromEnv();
  const stamp = stampOf(source);
  if (reload || !cached || cached.stamp !== stamp) {
    const keyring = loadKeyring(source);
    cached = { keyring, stamp: stampOf(source) };
  }
  return cached.keyring;
}
