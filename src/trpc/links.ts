import {
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
  type TRPCLink,
} from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@/server/api/root';

/** Longest wait between attempts to re-open a live stream, e.g. while the server restarts. */
const MAX_RESUBSCRIBE_DELAY_MS = 5_000;

export function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export interface LinkOptions {
  /** The tRPC endpoint, e.g. '/api/trpc'. */
  url: string;
  /** The slug of the workspace every call is about, read anew for each call. */
  workspace: () => string | undefined;
  /** Defaults to the browser's. */
  EventSource?: typeof globalThis.EventSource;
}

/**
 * Queries and mutations go out batched over HTTP with the workspace in a header;
 * subscriptions stream over server-sent events with it in the URL (EventSource cannot send
 * headers). A stream that fails is opened again with backoff, and one that goes quiet past
 * the server's inactivity limit is replaced: EventSource alone may stop trying for good
 * while the server restarts.
 */
export function trpcLinks(options: LinkOptions): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: [
        retryLink({
          retry: ({ error }) => !isClientError(error),
          retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, MAX_RESUBSCRIBE_DELAY_MS),
        }),
        httpSubscriptionLink({
          url: options.url,
          transformer: superjson,
          ...(options.EventSource ? { EventSource: options.EventSource } : {}),
          connectionParams: () => {
            const workspace = options.workspace();
            return workspace ? { workspace } : null;
          },
        }),
      ],
      false: httpBatchLink({
        url: options.url,
        transformer: superjson,
        headers() {
          const workspace = options.workspace();
          return workspace ? { 'x-miniflow-workspace': workspace } : {};
        },
      }),
    }),
  ];
}
