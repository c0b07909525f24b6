import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/features/shell/app-shell';
import { auth } from '@/server/auth/config';
import { serverCaller } from '@/trpc/server';
import { signOutAction } from '../../sign-out-action';

export const dynamic = 'force-dynamic';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const session = await auth();
  if (!session?.user?.id) redirect('/sign-in');
  const { workspace: slug } = await params;
  const caller = await serverCaller(decodeURIComponent(slug));
  const workspace = await caller.workspace.current().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <AppShell
      workspace={workspace}
      userEmail={session.user.email ?? ''}
      signOutAction={signOutAction}
    >
      {children}
    </AppShell>
  );
}
