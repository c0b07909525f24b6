import type { DbTx } from '../db';

/**
 * PostgreSQL NOTIFY channel for schedule changes (publish, pause, resume). A scheduler
 * sleeps until the earliest `nextFireAt` it knows of; a notice makes it look again at once,
 * so a schedule created or resumed during that sleep still fires on time.
 */
export const SCHEDULE_CHANNEL = 'miniflow_schedule';

/** Sends the notice in the caller's transaction: it is delivered only if that commits. */
export async function notifySchedules(tx: DbTx, scheduleId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${SCHEDULE_CHANNEL}, ${JSON.stringify({ scheduleId })})`;
}
