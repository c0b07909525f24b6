import { ChannelListener } from '../events/channel-listener';
import { RUN_CHANNEL, type RunNotice } from '../runtime/notify';
import { SCHEDULE_CHANNEL } from './schedule-channel';
import { isRunFinal } from '@/engine';

const ANY = 'any';

export interface Wakeups {
  /** Wake when a run of one of these workflows finishes (their queued ticks may start). */
  watch(workflowIds: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * LISTENs for what should end a scheduler's sleep early: a schedule change (publish, pause,
 * resume) and the end of a run that queued ticks wait for. A (re)connect wakes it too,
 * since notices sent while it was not listening are lost.
 */
export function listenForWakeups(databaseUrl: string, wake: () => void): Wakeups {
  const schedules = new ChannelListener<true>({
    connectionString: databaseUrl,
    channel: SCHEDULE_CHANNEL,
    parse: () => ({ key: ANY, notice: true }),
    applicationName: 'miniflow-scheduler',
  });
  const runs = new ChannelListener<RunNotice>({
    connectionString: databaseUrl,
    channel: RUN_CHANNEL,
    parse: (payload) => {
      const notice = JSON.parse(payload) as RunNotice;
      return isRunFinal(notice.status) ? { key: notice.workflowId, notice } : undefined;
    },
    applicationName: 'miniflow-scheduler-runs',
  });
  schedules.subscribe(ANY, wake);
  const watched = new Map<string, () => void>();
  return {
    watch(workflowIds) {
      const wanted = new Set(workflowIds);
      for (const [id, unsubscribe] of watched) {
        if (!wanted.has(id)) {
          unsubscribe();
          watched.delete(id);
        }
      }
      for (const id of wanted) {
        // The subscription's first call (null: listening) is a harmless extra wake-up.
        if (!watched.has(id)) watched.set(id, runs.subscribe(id, wake));
      }
    },
    async close() {
      await Promise.all([schedules.close(), runs.close()]);
    },
  };
}
