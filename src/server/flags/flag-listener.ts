import { db } from '../db';
import { env } from '../env';
import { ChannelListener } from '../events/channel-listener';
import { FLAG_CHANNEL } from './flag-channel';
import { FlagCache, type FlagNotice } from './flag-cache';

const holder = globalThis as {
  __miniflowFlagCache?: { url: string; cache: FlagCache; listener: ChannelListener<FlagNotice> };
};

function parseNotice(payload: string): { key: string; notice: FlagNotice } | undefined {
  const notice = JSON.parse(payload) as Partial<FlagNotice>;
  if (typeof notice.workspaceId !== 'string') return undefined;
  return { key: notice.workspaceId, notice: { workspaceId: notice.workspaceId } };
}

export function createFlagListener(connectionString: string): ChannelListener<FlagNotice> {
  return new ChannelListener<FlagNotice>({
    connectionString,
    channel: FLAG_CHANNEL,
    parse: parseNotice,
    applicationName: 'miniflow-flag-listener',
  });
}

/** The process's flag cache and its LISTEN connection, created on first use. */
export function flagCache(): FlagCache {
  const url = env().DATABASE_URL;
  const current = holder.__miniflowFlagCache;
  if (current?.url === url) return current.cache;
  if (current) {
    current.cache.close();
    void current.listener.close();
  }
  const listener = createFlagListener(url);
  const cache = new FlagCache(db, listener);
  holder.__miniflowFlagCache = { url, cache, listener };
  return cache;
}
