import type { DbTx } from '../db';

/**
 * Lets the current transaction delete the audit events of one workspace, which the
 * append-only trigger otherwise refuses: call it in the transaction that deletes the
 * workspace, before the delete (its events go with it by cascade). The setting is
 * transaction-local, names a single workspace, and never covers the system chain.
 */
export async function allowAuditPurge(tx: DbTx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config('miniflow.audit_purge', ${workspaceId}, true)`;
}
