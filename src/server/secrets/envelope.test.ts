import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, rewrap, seal, UnknownMasterKeyError } from './envelope';
import { keyringOf, keyringPath, loadKeyring, masterKeyOf } from './master-keyring';

const context = { workspaceId: 'ws_1', credentialId: 'cred_1', version: 3 };

describe('envelope encryption', () => {
  it('opens what it sealed, and nothing in the sealed form shows the data', () => {
    const keyring = keyringOf(masterKeyOf(randomBytes(32)));
    const sealed = seal(keyring, context, { value: 'plain-text-value' });
    expect(open(keyring, context, sealed)).toEqual({ value: 'plain-text-value' });
    const stored = Buffer.concat([sealed.ciphertext, sealed.wrappedKey]).toString('latin1');
    expect(stored).not.toContain('plain-text-value');
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
  });

  it('refuses a ciphertext moved to another workspace, credential or version', () => {
    const keyring = keyringOf(masterKeyOf(randomBytes(32)));
    const sealed = seal(keyring, context, { value: 'x' });
    for (const moved of [
      { ...context, workspaceId: 'ws_2' },
      { ...context, credentialId: 'cred_2' },
      { ...context, version: 4 },
    ]) {
      expect(() => open(keyring, moved, sealed)).toThrow();
    }
  });

  it('re-wraps the data key under a new master key, the ciphertext untouched', () => {
    const old = masterKeyOf(randomBytes(32));
    const next = masterKeyOf(randomBytes(32));
    const sealed = seal(keyringOf(old), context, { value: 'kept' });
    const both = keyringOf(next, [old]);
    const rewrapped = { ...sealed, ...rewrap(both, context, sealed) };
    expect(rewrapped.masterKeyId).toBe(next.id);
    expect(open(keyringOf(next), context, rewrapped)).toEqual({ value: 'kept' });
    expect(() => open(keyringOf(next), context, sealed)).toThrow(UnknownMasterKeyError);
  });
});

describe('the master keyring', () => {
  it('is generated into the data folder once, readable by its owner only', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'miniflow-keys-')), 'data');
    const first = loadKeyring({ dataDir });
    expect(statSync(keyringPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(loadKeyring({ dataDir }).current.id).toBe(first.current.id);
  });

  it('takes MINIFLOW_MASTER_KEY (hex or base64) and the previous keys', () => {
    const key = randomBytes(32);
    const previous = randomBytes(32);
    const fromHex = loadKeyring({ dataDir: '/nonexistent', masterKey: key.toString('hex') });
    const fromBase64 = loadKeyring({
      dataDir: '/nonexistent',
      masterKey: key.toString('base64'),
      previous: [previous.toString('base64')],
    });
    expect(fromHex.current.id).toBe(fromBase64.current.id);
    expect(fromBase64.byId.has(masterKeyOf(previous).id)).toBe(true);
  });
});
