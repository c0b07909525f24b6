import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './master-keyring';

/** What is stored of a credential's data: nothing of it is readable without the master key. */
export interface Sealed {
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  tag: Uint8Array<ArrayBuffer>;
  wrappedKey: Uint8Array<ArrayBuffer>;
  masterKeyId: string;
}

/** What the ciphertext is bound to: moved to another row, workspace or version, it fails. */
export interface SealContext {
  workspaceId: string;
  credentialId: string;
  version: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function additionalData(context: SealContext): Buffer {
  return Buffer.from(
    JSON.stringify([
      'miniflow-credential',
      context.workspaceId,
      context.credentialId,
      context.version,
    ]),
  );
}

function wrapData(context: SealContext): Buffer {
  return Buffer.from(
    JSON.stringify(['miniflow-data-key', context.workspaceId, context.credentialId]),
  );
}

function encrypt(key: Buffer, plain: Buffer, aad: Buffer) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(
  key: Buffer,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Buffer,
) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

function wrapKey(keyring: Keyring, dataKey: Buffer, context: SealContext) {
  const wrapped = encrypt(keyring.current.key, dataKey, wrapData(context));
  return {
    wrappedKey: bytes(Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ciphertext])),
    masterKeyId: keyring.current.id,
  };
}

export class UnknownMasterKeyError extends Error {
  constructor(readonly masterKeyId: string) {
    super(
      `This credential's data key is wrapped by master key ${masterKeyId}, which is not configured`,
    );
    this.name = 'UnknownMasterKeyError';
  }
}

function unwrapKey(
  keyring: Keyring,
  sealed: Pick<Sealed, 'wrappedKey' | 'masterKeyId'>,
  context: SealContext,
) {
  const master = keyring.byId.get(sealed.masterKeyId);
  if (!master) throw new UnknownMasterKeyError(sealed.masterKeyId);
  const w = Buffer.from(sealed.wrappedKey);
  return decrypt(
    master.key,
    w.subarray(0, IV_BYTES),
    w.subarray(IV_BYTES + TAG_BYTES),
    w.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
    wrapData(context),
  );
}

/** Encrypts `data` (JSON) with a fresh data key, which the current master key wraps. */
export function seal(keyring: Keyring, context: SealContext, data: unknown): Sealed {
  const dataKey = randomBytes(32);
  try {
    const sealed = encrypt(dataKey, Buffer.from(JSON.stringify(data)), additionalData(context));
    return {
      ciphertext: bytes(sealed.ciphertext),
      iv: bytes(sealed.iv),
      tag: bytes(sealed.tag),
      ...wrapKey(keyring, dataKey, context),
    };
  } finally {
    dataKey.fill(0);
  }
}

export function open(keyring: Keyring, context: SealContext, sealed: Sealed): unknown {
  const dataKey = unwrapKey(keyring, sealed, context);
  try {
    const plain = decrypt(
      dataKey,
      sealed.iv,
      sealed.ciphertext,
      sealed.tag,
      additionalData(context),
    );
    return JSON.parse(plain.toString('utf8')) as unknown;
  } finally {
    dataKey.fill(0);
  }
}

/** The same data key wrapped by the current master key: the ciphertext stays as it is. */
export function rewrap(
  keyring: Keyring,
  context: SealContext,
  sealed: Pick<Sealed, 'wrappedKey' | 'masterKeyId'>,
): Pick<Sealed, 'wrappedKey' | 'masterKeyId'> {
  const dataKey = unwrapKey(keyring, sealed, context);
  try {
    return wrapKey(keyring, dataKey, context);
  } finally {
    dataKey.fill(0);
  }
}
