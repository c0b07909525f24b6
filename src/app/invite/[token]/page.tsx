import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { JoinWorkspaceButton } from '@/features/invitations/join-workspace-button';
import { SetPasswordForm } from '@/features/invitations/set-password-form';
import { SignOutButton } from '@/features/shell/sign-out-button';
import { auth } from '@/server/auth/config';
import { serverCaller } from '@/trpc/server';
import { signOutAction } from '../../sign-out-action';
import { acceptWithPasswordAction } from './actions';

export const dynamic = 'force-dynamic';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = await serverCaller(null);
  const invitation = await caller.invitation.preview({ token }).catch((error: unknown) => {
    if (error instanceof TRPCError && ['NOT_FOUND', 'BAD_REQUEST'].includes(error.code)) {
      return null;
    }
    throw error;
  });
  if (!invitation) {
    return (
      <Card title="Invitation not valid">
        <p className="mt-2 text-sm text-slate-600">
          This link is wrong, was used already, was revoked or has expired. Ask the workspace admin
          for a new one.
        </p>
      </Card>
    );
  }
  const intro = (
    <p className="mt-2 text-sm text-slate-600">
      You are invited to <strong>{invitation.workspaceName}</strong> as {invitation.role}, as{' '}
      {invitation.email}.
    </p>
  );
  const session = await auth();
  if (session?.user?.id) {
    if (session.user.email?.toLowerCase() !== invitation.email) {
      return (
        <Card title={`Join ${invitation.workspaceName}`}>
          {intro}
          <p className="mt-4 text-sm text-slate-700">
            You are signed in as {session.user.email}. Sign out, then open this link again to join
            as {invitation.email}.
          </p>
          <div className="mt-4">
            <SignOutButton action={signOutAction} />
          </div>
        </Card>
      );
    }
    return (
      <Card title={`Join ${invitation.workspaceName}`}>
        {intro}
        <JoinWorkspaceButton token={token} workspaceName={invitation.workspaceName} />
      </Card>
    );
  }
  return (
    <Card title={`Join ${invitation.workspaceName}`}>
      {intro}
      <SetPasswordForm token={token} email={invitation.email} action={acceptWithPasswordAction} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have a MiniFlow account?{' '}
        <Link
          href={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`}
          className="text-brand-700 hover:underline"
        >
          Sign in to join
        </Link>
      </p>
    </Card>
  );
}
