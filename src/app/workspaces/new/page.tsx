import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CreateWorkspaceForm } from '@/features/shell/create-workspace-form';
import { currentUserId } from '@/server/auth/config';

export const dynamic = 'force-dynamic';

export default async function NewWorkspacePage() {
  if (!(await currentUserId())) redirect('/sign-in');
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">New workspace</h1>
        <p className="mt-1 text-sm text-slate-600">
          You become its owner. Invite others from its settings.
        </p>
        <CreateWorkspaceForm />
        <Link href="/" className="mt-4 block text-center text-sm text-slate-600 hover:underline">
          Back
        </Link>
      </div>
    </main>
  );
}
