'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { signIn } from '@/server/auth/config';
import { signInGate } from '@/server/auth/sign-in-gate';
import { safeNext } from './safe-next';

export interface SignInState {
  error?: string;
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const rawEmail = form.get('email');
  const rawPassword = form.get('password');
  const email = typeof rawEmail === 'string' ? rawEmail.trim() : '';
  const password = typeof rawPassword === 'string' ? rawPassword : '';
  if (!email) return { error: 'Email: enter your email address' };
  if (!password) return { error: 'Password: enter your password' };
  if (await signInGate(await headers())) {
    return { error: 'Too many sign-in attempts from this address: try again in a minute' };
  }
  try {
    await signIn('credentials', { email, password, redirectTo: safeNext(form.get('next')) });
    return {};
  } catch (error) {
    // A successful sign-in "throws" Next's redirect; only auth failures are ours to show.
    if (error instanceof AuthError) {
      const throttled = error instanceof CredentialsSignin && error.code === 'throttled';
      return {
        error: throttled
          ? 'Too many failed sign-ins for this account or from this address: try again in a few minutes'
          : 'Wrong email or password',
      };
    }
    throw error;
  }
}
