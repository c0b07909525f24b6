import { redirect } from 'next/navigation';
import { SignInForm } from '@/features/shell/sign-in-form';
import { currentUserId } from '@/server/auth/config';
import { signInAction } from './actions';
import { safeNext } from './safe-next';

export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const next = safeNext((await searchParams).next);
  if (await currentUserId()) redirect(next);
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to MiniFlow</h1>
        <p className="mt-1 text-sm text-slate-600">
          Design workflows visually and run them durably.
        </p>
        <SignInForm action={signInAction} next={next} />
      </div>
    </main>
  );
}
