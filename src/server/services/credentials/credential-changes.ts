import { EventEmitter } from 'node:events';

/**
 * Tells this process's holders of credential-derived state (database pools, masking caches)
 * that a workspace's credentials changed. Other processes notice by the version they read.
 */
const changes = new EventEmitter();
changes.setMaxListeners(0);

export interface CredentialChange {
  workspaceId: string;
  credentialId: string;
}

export function credentialChanged(change: CredentialChange): void {
  changes.emit('change', change);
}

export function onCredentialChange(listener: (change: CredentialChange) => void): () => void {
  changes.on('change', listener);
  return () => changes.off('change', listener);
}
