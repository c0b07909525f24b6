import type { DbTx } from '../db';

/** PostgreSQL NOTIFY channel for run changes; sent in the transaction of the change. */
export const RUN_CHANNEL = 'miniflow_run';

export interface RunNotice {
  runId: string;
  workspaceId: string;
  workflowId: string;
  status: string;
}

export async function notifyRun(tx: DbTx, notice: RunNotice): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${RUN_CHANNEL}, ${JSON.stringify(notice)})`;
}
