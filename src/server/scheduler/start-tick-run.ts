import type { Schedule } from '@/generated/prisma/client';
import type { SqlLike } from '../runtime/sql';
import type { RuntimeContext } from '../runtime/runtime-context';
import { triggerRun, type TriggeredRun } from '../runtime/trigger-run';

/**
 * Starts the run of one tick of a schedule, in the caller's transaction. Its input tells the
 * workflow which tick it serves (`scheduledFor`) and when the scheduler started it
 * (`firedAt`: later than the tick after downtime or when it waited for an earlier run).
 */
export async function startTickRun(
  tx: SqlLike,
  runtime: RuntimeContext,
  schedule: Pick<Schedule, 'id' | 'workspaceId' | 'workflowId' | 'versionId'>,
  tick: { at: number; firedAt: number },
): Promise<TriggeredRun> {
  return triggerRun(tx, runtime, {
    workspaceId: schedule.workspaceId,
    workflowId: schedule.workflowId,
    versionId: schedule.versionId,
    trigger: 'cron',
    input: {
      scheduledFor: new Date(tick.at).toISOString(),
      firedAt: new Date(tick.firedAt).toISOString(),
      scheduleId: schedule.id,
    },
  });
}
