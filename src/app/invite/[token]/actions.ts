'use server';

import { TRPCError } from '@trpc/server';
import { signIn } from '@/server/auth/config';
import { serverCaller } from '@/trpc/server';

export interface AcceptState {
  error?: string;
}

function text(form: FormData, field: string): string {
  const value = form.get(field);
  return typeof value === 'string' ? value : '';
}

/** Creates the invitee's account with their own password, joins, and signs them in. */
export async function acceptWithPasswordAction(
  _prev: AcceptState,
  form: FormData,
): Promise<AcceptState> {
  const token = text(form, 'token');
  const password = text(form, 'password');
  if (password !== text(form, 'confirm')) {
    return { error: 'Confirm password: the two passwords differ' };
  }
  const name = text(form, 'name').trim();
  let joined: { email: string; workspace: { slug: string } };
  try {
    const caller = await serverCaller(null);
    joined = await caller.invitation.acceptWithPassword({
      token,
      password,
      ...(name ? { name } : {}),
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
      return { error: error.message };
    }
    throw error;
  }
  await signIn('credentials', {
    email: joined.email,
    password,
    redirectTo: `/w/${encodeURIComponent(joined.workspace.slug)}/workflows`,
  });
  return {};
}
