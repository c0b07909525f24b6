import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { rewrap } from './envelope';
import {
  keyringOf,
  loadKeyring,
  masterKeyOf,
  readKeyringFile,
  writeKeyringFile,
  type Keyring,
  type KeyringSource,
} from './master-keyring';

export interface RotationReport {
  keyId: string;
  rewrapped: number;
  /** Keys dropped from the data folder's key file: no credential is under them any more. */
  retired: string[];
}

/** Every data key not under the current master key, re-wrapped one row at a time. */
async function rewrapAll(db: Db, keyring: Keyring): Promise<number> {
  const stale = await db.credential.findMany({
    where: { masterKeyId: { not: keyring.current.id } },
    select: { id: true },
  });
  let rewrapped = 0;
  for (const { id } of stale) {
    // One short transaction per credential: servers keep reading and writing meanwhile.
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        { workspaceId: string; version: number; wrappedKey: Uint8Array; masterKeyId: string }[]
      >`SELECT "workspaceId", version, "wrappedKey", "masterKeyId" FROM "Credential"
        WHERE id = ${id} FOR UPDATE`;
      const row = rows[0];
      if (!row || row.masterKeyId === keyring.current.id) return false;
      const next = rewrap(
        keyring,
        { workspaceId: row.workspaceId, credentialId: id, version: row.version },
        { wrappedKey: new Uint8Array(row.wrappedKey), masterKeyId: row.masterKeyId },
      );
      await tx.credential.update({ where: { id }, data: next });
      return true;
    });
    if (done) rewrapped += 1;
  }
  return rewrapped;
}

/**
 * `miniflow keys rotate`. With MINIFLOW_MASTER_KEY set, re-wraps every data key under it
 * (the old key given in MINIFLOW_MASTER_KEY_PREVIOUS). Otherwise adds a new key to the data
 * folder's key file as the current one (running servers see the change and read both), re-
 * wraps every data key under it, and drops the old keys once no credential uses them.
 */
export async function rotateMasterKey(db: Db, source: KeyringSource): Promise<RotationReport> {
  if (source.masterKey) {
    const keyring = loadKeyring(source);
    return { keyId: keyring.current.id, rewrapped: await rewrapAll(db, keyring), retired: [] };
  }
  const existing = readKeyringFile(source.dataDir);
  const fresh = masterKeyOf(randomBytes(32));
  const keyring = keyringOf(fresh, existing ? [...existing.byId.values()] : []);
  writeKeyringFile(source.dataDir, keyring);
  const rewrapped = await rewrapAll(db, keyring);
  const used = new Set(
    (
      await db.credential.findMany({ distinct: ['masterKeyId'], select: { masterKeyId: true } })
    ).map((r) => r.masterKeyId),
  );
  const kept = [...keyring.byId.values()].filter((k) => k.id === fresh.id || used.has(k.id));
  writeKeyringFile(source.dataDir, keyringOf(fresh, kept));
  const retired = [...keyring.byId.keys()].filter((id) => !kept.some((k) => k.id === id));
  return { keyId: fresh.id, rewrapped, retired };
}
