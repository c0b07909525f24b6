import { redirect } from 'next/navigation';
import { currentUserId } from '@/server/auth/config';
import { db } from '@/server/db';
import { listUserWorkspaces } from '@/server/services/workspaces/list-user-workspaces';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const userId = await currentUserId();
  if (!userId) redirect('/sign-in');
  const [first] = await listUserWorkspaces(db, userId);
  if (!first) redirect('/no-workspace');
  redirect(`/w/${first.slug}/workflows`);
}
