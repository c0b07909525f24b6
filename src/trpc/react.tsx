'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  retryLink,
  splitLink,
} from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '@/server/api/root';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: (count, error) => count < 2 && !isClientError(error) },
    },
  });
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** Pages live under /w/<workspace>/…; every call names that workspace. */
function currentWorkspace(): string | undefined {
  const slug = /^\/w\/([^/]+)/.exec(window.location.pathname)?.[1];
  return slug ? decodeURIComponent(slug) : undefined;
}

/** Longest wait between attempts to re-open a live stream, e.g. while the server restarts. */
const MAX_RESUBSCRIBE_DELAY_MS = 5_000;

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: [
            // EventSource re-opens a dropped stream by itself, but gives up for good when the
            // server answers with an error status (as it may while restarting): start over then.
            retryLink({
              retry: ({ error }) => !isClientError(error),
              retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, MAX_RESUBSCRIBE_DELAY_MS),
            }),
            // Server-sent events; EventSource cannot send headers, so the workspace travels
            // as a connection parameter in the URL.
            httpSubscriptionLink({
              url: '/api/trpc',
              transformer: superjson,
              connectionParams: () => {
                const workspace = currentWorkspace();
                return workspace ? { workspace } : null;
              },
            }),
          ],
          false: httpBatchLink({
            url: '/api/trpc',
            transformer: superjson,
            headers() {
              const workspace = currentWorkspace();
              return workspace ? { 'x-miniflow-workspace': workspace } : {};
            },
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
