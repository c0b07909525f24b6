import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AppRouter } from '@/server/api/root';
import { TRPCProvider } from '@/trpc/react';
import { WorkspaceProvider } from '../../shell/workspace-context';

type Seed = (
  trpc: ReturnType<typeof createTRPCOptionsProxy<AppRouter>>,
  client: QueryClient,
) => void;

/**
 * Renders a component to HTML as the server would, inside the providers the editor gives it.
 * No request is ever answered: queries are pending unless `seed` puts their data in the cache.
 */
export function renderStatic(children: ReactNode, seed?: Seed): string {
  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({ links: [() => () => observable(() => {})] });
  seed?.(createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }), queryClient);
  return renderToStaticMarkup(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <WorkspaceProvider value={{ slug: 'acme', name: 'Acme', role: 'owner' }}>
          {children}
        </WorkspaceProvider>
      </TRPCProvider>
    </QueryClientProvider>,
  );
}
