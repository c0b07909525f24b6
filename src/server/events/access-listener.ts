import type { DbTx } from '../db';
import { env } from '../env';
import { ChannelListener } from './channel-listener';

/**
 * Who may see what changed for a user: a membership was changed or removed, or their
 * sessions were ended. Open live streams listen here and re-check the user's access.
 */
export const ACCESS_CHANNEL = 'miniflow_access';

export interface AccessNotice {
  userId: string;
}

export function userKey(userId: string): string {
  return `user:${userId}`;
}

/** Sent when the transaction commits, so a listener's re-check reads the new state. */
export async function notifyAccessChanged(tx: DbTx, userIds: Iterable<string>): Promise<void> {
  for (const userId of new Set(userIds)) {
    const payload = JSON.stringify({ userId } satisfies AccessNotice);
    await tx.$executeRaw`SELECT pg_notify(${ACCESS_CHANNEL}, ${payload})`;
  }
}

function parseNotice(payload: string): { key: string; notice: AccessNotice } | undefined {
  const notice = JSON.parse(payload) as Partial<AccessNotice>;
  if (typeof notice.userId !== 'string') return undefined;
  return { key: userKey(notice.userId), notice: { userId: notice.userId } };
}

const holder = globalThis as {
  __miniflowAccessListener?: { url: string; listener: ChannelListener<AccessNotice> };
};

/** The process's one LISTEN connection on the access channel, created on first use. */
export function accessListener(): ChannelListener<AccessNotice> {
  const url = env().DATABASE_URL;
  const current = holder.__miniflowAccessListener;
  if (current?.url === url) return current.listener;
  if (current) void current.listener.close();
  const listener = new ChannelListener<AccessNotice>({
    connectionString: url,
    channel: ACCESS_CHANNEL,
    parse: parseNotice,
    applicationName: 'miniflow-access-listener',
  });
  holder.__miniflowAccessListener = { url, listener };
  return listener;
}

/** Closes the process's listener (shutdown, tests); the next subscription opens a new one. */
export async function closeAccessListener(): Promise<void> {
  const current = holder.__miniflowAccessListener;
  holder.__miniflowAccessListener = undefined;
  await current?.listener.close();
}
