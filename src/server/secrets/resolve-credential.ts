import { CREDENTIAL_TYPES, type CredentialType } from '@/shared/credential-types';
import type { Db } from '../db';
import { open, UnknownMasterKeyError, type Sealed } from './envelope';
import { processKeyring } from './master-keyring';

export interface ResolvedCredential {
  id: string;
  name: string;
  type: CredentialType;
  version: number;
  data: Record<string, unknown>;
}

/** A credential exists but the workspace keeps it for other workflows. */
export class CredentialRestrictedError extends Error {
  constructor(name: string) {
    super(`Credential "${name}" may not be used by this workflow`);
    this.name = 'CredentialRestrictedError';
  }
}

type Row = Sealed & {
  id: string;
  workspaceId: string;
  name: string;
  type: string;
  version: number;
};

/** Decrypts a row; a key wrapped under an unknown master key makes the keyring reload once. */
export function openCredential(row: Row): ResolvedCredential {
  const context = { workspaceId: row.workspaceId, credentialId: row.id, version: row.version };
  let data: unknown;
  try {
    data = open(processKeyring(), context, row);
  } catch (error) {
    if (!(error instanceof UnknownMasterKeyError)) throw error;
    data = open(processKeyring(true), context, row);
  }
  const type = CREDENTIAL_TYPES.find((t) => t === row.type);
  if (!type) throw new Error(`Credential "${row.name}" has an unknown type "${row.type}"`);
  return {
    id: row.id,
    name: row.name,
    type,
    version: row.version,
    data: data as Record<string, unknown>,
  };
}

const sealedColumns = {
  id: true,
  workspaceId: true,
  name: true,
  type: true,
  version: true,
  ciphertext: true,
  iv: true,
  tag: true,
  wrappedKey: true,
  masterKeyId: true,
} as const;

/**
 * The credential `name` of the workspace, decrypted, for a run of `workflowId`; undefined
 * when the workspace has none of that name. Only the workspace's own credentials are ever
 * looked at.
 */
export async function resolveCredential(
  db: Db,
  where: { workspaceId: string; workflowId: string; name: string },
): Promise<ResolvedCredential | undefined> {
  const row = await db.credential.findUnique({
    where: { workspaceId_name: { workspaceId: where.workspaceId, name: where.name } },
    select: { ...sealedColumns, allowedWorkflowIds: true },
  });
  if (!row) return undefined;
  if (row.allowedWorkflowIds.length > 0 && !row.allowedWorkflowIds.includes(where.workflowId)) {
    throw new CredentialRestrictedError(where.name);
  }
  return openCredential(row);
}

/** Every credential of a workspace, decrypted: for masking their values. */
export async function workspaceCredentials(
  db: Db,
  workspaceId: string,
): Promise<ResolvedCredential[]> {
  const rows = await db.credential.findMany({ where: { workspaceId }, select: sealedColumns });
  return rows.map((row) => openCredential(row as Row));
}
