import { isRunFinal, type RunState } from '@/engine';
import type { DbTx } from '../db';
import { waitForRun } from '../events/run-listener';

/** What a webhook answer is made of. */
export interface RunResult {
  runId: string;
  status: string;
  output: unknown;
  error: { message: string } | null;
  /** The output of the `respond` step, once one has succeeded. */
  respond: unknown;
}

/** When a waiting webhook can answer: at the run's end, or at its respond step. */
export type AnswerPoint = 'end' | 'respond';

export function isReady(result: RunResult, point: AnswerPoint): boolean {
  return isRunFinal(result.status) || (point === 'respond' && result.respond !== undefined);
}

/** From the state the trigger returned, so an inline run needs no further read. */
export function resultFromState(runId: string, state: RunState): RunResult {
  return {
    runId,
    status: state.status,
    output: state.output,
    error: state.error ? { message: state.error.message } : null,
    respond: state.respond?.output,
  };
}

/** Reads only the parts of the run an answer needs, not the whole (possibly large) state. */
export async function readRunResult(db: DbTx, runId: string): Promise<RunResult | undefined> {
  const rows = await db.$queryRaw<
    { status: string; output: unknown; error: unknown; respond: unknown }[]
  >`SELECT status::text AS status, output, error, state->'respond' AS respond
    FROM "Run" WHERE id = ${runId}`;
  const row = rows[0];
  if (!row) return undefined;
  const error = row.error as { message?: unknown } | null;
  const respond = row.respond as { output?: unknown } | null;
  return {
    runId,
    status: row.status,
    output: row.output,
    error: error
      ? { message: typeof error.message === 'string' ? error.message : 'Run failed' }
      : null,
    respond: respond && typeof respond === 'object' ? respond.output : undefined,
  };
}

/** Waits (LISTEN, no polling) until the run can be answered; undefined on timeout. */
export function awaitRunResult(
  db: DbTx,
  runId: string,
  point: AnswerPoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<RunResult | undefined> {
  return waitForRun(runId, {
    timeoutMs,
    ...(signal ? { signal } : {}),
    relevant: (notice) => point === 'respond' || isRunFinal(notice.status),
    probe: async () => {
      const result = await readRunResult(db, runId);
      return result && isReady(result, point) ? result : undefined;
    },
  });
}
