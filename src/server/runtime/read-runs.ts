import type { RunState } from '@/engine';
import type { LockedRun } from './runtime-types';
import type { Sql } from './sql';

export interface RunRow extends LockedRun {
  status: string;
  input: unknown;
  timeoutMs: number | null;
  state: RunState | null;
  stateVersion: number;
}

const RUN_COLUMNS = `SELECT id, "workspaceId", "workflowId", "versionId", priority, "parentRunId",
    "parentNodeId", "parentAttempt", "parentIndex", depth, "retryOfId", "reuseOutputs",
    status::text AS status, input, "timeoutMs", state, "stateVersion",
    (SELECT "concurrencyLimit" FROM "Workflow" w WHERE w.id = r."workflowId") AS "concurrencyLimit"
  FROM "Run" r`;
export const RUN_ROW = `${RUN_COLUMNS} WHERE id = $1`;
const RUN_ROWS = `${RUN_COLUMNS} WHERE id = ANY($1::text[])`;

/**
 * What the runtime needs of some runs, without a lock (for an optimistic write later), in
 * the order of `runIds` (undefined for a run that does not exist). A run asked for twice
 * (two steps of it read together) comes as two objects: each caller applies its event to
 * its own copy of the state, and one must never see the other's unsaved change.
 */
export async function readRuns(sql: Sql, runIds: string[]): Promise<(RunRow | undefined)[]> {
  const rows = await sql.query<RunRow>(RUN_ROWS, [runIds]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const given = new Set<string>();
  return runIds.map((id) => {
    const row = byId.get(id);
    if (!row) return undefined;
    if (!given.has(id)) {
      given.add(id);
      return row;
    }
    return structuredClone(row);
  });
}

/** One run, as readRuns reads it. */
export async function readRun(sql: Sql, runId: string): Promise<RunRow | undefined> {
  return (await readRuns(sql, [runId]))[0];
}
