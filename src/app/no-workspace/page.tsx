import Link from 'next/link';
import { SignOutButton } from '@/features/shell/sign-out-button';
import { signOutAction } from '../sign-out-action';

export default function NoWorkspace() {
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">No workspace yet</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are not a member of any workspace. Ask a workspace admin for an invitation, or create a
        workspace of your own.
      </p>
      <div className="mt-6 flex items-center justify-center gap-3">
        <Link
          href="/workspaces/new"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          New workspace
        </Link>
        <SignOutButton action={signOutAction} />
      </div>
    </main>
  );
}
