import { db } from '../db';
import type { ChannelListener, NoticeSource } from '../events/channel-listener';
import { runListener } from '../events/run-listener';
import { FLAG_CHANNEL } from './flag-channel';
import { FlagCache, type FlagNotice } from './flag-cache';

const holder = globalThis as {
  __miniflowFlagCache?: { listener: object; cache: FlagCache };
};

function parseNotice(payload: string): { key: string; notice: FlagNotice } | undefined {
  const notice = JSON.parse(payload) as Partial<FlagNotice>;
  if (typeof notice.workspaceId !== 'string') return undefined;
  return { key: notice.workspaceId, notice: { workspaceId: notice.workspaceId } };
}

/** Flag notices over a listener's connection (the process's run listener, in production). */
export function flagNotices<T>(listener: ChannelListener<T>): NoticeSource<FlagNotice> {
  return listener.addChannel(FLAG_CHANNEL, parseNotice);
}

/**
 * The process's flag cache, created on first use. It hears flag changes on the process's one
 * LISTEN connection (the run listener's), and is rebuilt when that listener is replaced.
 */
export function flagCache(): FlagCache {
  const listener = runListener();
  const current = holder.__miniflowFlagCache;
  if (current?.listener === listener) return current.cache;
  current?.cache.close();
  const cache = new FlagCache(db, flagNotices(listener));
  holder.__miniflowFlagCache = { listener, cache };
  return cache;
}
