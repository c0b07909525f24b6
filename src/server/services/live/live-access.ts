import type { ChannelListener } from '../../events/channel-listener';
import { accessListener, userKey, type AccessNotice } from '../../events/access-listener';
import type { DbTx } from '../../db';
import { AppError } from '../../errors';
import { isSessionCurrent } from '../../auth/sessions';

/** Who holds a live stream open: a member of a workspace, through a session of some version. */
export interface StreamHolder {
  userId: string;
  workspaceId: string;
  /** Absent for callers that are not sessions. */
  sessionVersion?: number;
}

/** Whether the holder may still watch: still a member, and the session not ended. */
export async function mayStillWatch(db: DbTx, holder: StreamHolder): Promise<boolean> {
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: holder.workspaceId, userId: holder.userId } },
    select: { role: true },
  });
  if (!membership) return false;
  if (holder.sessionVersion === undefined) return true;
  return isSessionCurrent(db, holder.userId, holder.sessionVersion);
}

/**
 * Passes the events of `open` on for as long as the holder may watch. Any change to the
 * holder's access (a membership changed or removed, sessions ended) arrives as a notice on
 * the access channel and the access is checked again at once; when it is gone the stream
 * ends with NOT_FOUND, as a new request would. Every (re)connect of the listener checks
 * too, since a notice sent while it was not listening is lost.
 */
export async function* whileAllowed<T>(
  open: (signal: AbortSignal) => AsyncGenerator<T, void, undefined>,
  check: () => Promise<boolean>,
  userId: string,
  signal: AbortSignal | undefined,
  listener: ChannelListener<AccessNotice> = accessListener(),
): AsyncGenerator<T, void, undefined> {
  const inner = new AbortController();
  let revoked = false;
  const stop = () => inner.abort();
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  let checking = Promise.resolve();
  const recheck = () => {
    checking = checking.then(async () => {
      if (inner.signal.aborted) return;
      // A failed read keeps the stream: the next notice or reconnect checks again.
      const allowed = await check().catch(() => true);
      if (!allowed) {
        revoked = true;
        inner.abort();
      }
    });
  };
  const unsubscribe = listener.subscribe(userKey(userId), recheck);
  try {
    yield* open(inner.signal);
    if (revoked) throw new AppError('NOT_FOUND', 'Workspace not found');
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', stop);
  }
}
