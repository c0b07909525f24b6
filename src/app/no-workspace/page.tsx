import { SignOutButton } from '@/features/shell/sign-out-button';
import { signOutAction } from '../sign-out-action';

export default function NoWorkspace() {
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center">
      <h1 className="text-lg font-semibold">No workspace yet</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are not a member of any workspace. Ask a workspace admin to add you.
      </p>
      <div className="mt-6">
        <SignOutButton action={signOutAction} />
      </div>
    </main>
  );
}
