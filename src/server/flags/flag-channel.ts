import type { DbTx } from '../db';

/**
 * PostgreSQL NOTIFY channel for flag changes: every process drops its compiled copy of the
 * workspace's flags on a notice, so an edit reaches all evaluations within a round trip.
 */
export const FLAG_CHANNEL = 'miniflow_flags';

/** Sends the notice in the caller's transaction: it is delivered only if that commits. */
export async function notifyFlags(tx: DbTx, workspaceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${FLAG_CHANNEL}, ${JSON.stringify({ workspaceId })})`;
}
