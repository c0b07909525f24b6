import { asSql, type SqlLike } from './sql';

/** PostgreSQL NOTIFY channel for run changes; sent in the transaction of the change. */
export const RUN_CHANNEL = 'miniflow_run';

export interface RunNotice {
  runId: string;
  workspaceId: string;
  workflowId: string;
  status: string;
  /** Set for sub-workflow runs, so a parent's page hears about its children. */
  parentRunId?: string | null;
}

export async function notifyRun(tx: SqlLike, notice: RunNotice): Promise<void> {
  // Selected through FROM: pg_notify returns void, which not every client can read.
  await asSql(tx).query('SELECT 1 AS ok FROM pg_notify($1, $2)', [
    RUN_CHANNEL,
    JSON.stringify(notice),
  ]);
}
