import { randomBytes } from 'node:crypto';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { db } from '@/server/db';
import { hashPassword } from './password';

/**
 * Signing in through the Auth.js routes as Next hands them a request: its URL names the
 * address the server listens on (`localhost:3000`), its headers what the client used.
 */
const PASSWORD = 'public-origin-password';
let email: string;

beforeAll(async () => {
  email = `origin-${randomBytes(4).toString('hex')}@example.com`;
  await db.user.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
});

const LISTEN = 'http://localhost:3000';

interface Extra {
  method?: string;
  headers?: Record<string, string>;
  body?: URLSearchParams;
}

function request(path: string, headers: Record<string, string>, extra: Extra = {}) {
  return new NextRequest(`${LISTEN}${path}`, {
    method: extra.method ?? 'GET',
    headers: { ...headers, ...extra.headers },
    ...(extra.body ? { body: extra.body } : {}),
  });
}

/** Signs in as a client reaching the server with `headers`; the answer's Location and cookies. */
async function signIn(headers: Record<string, string>) {
  const csrf = await GET(request('/api/auth/csrf', headers));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0])
    .join('; ');
  const answer = await POST(
    request('/api/auth/callback/credentials', headers, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password: PASSWORD }),
    }),
  );
  return { location: answer.headers.get('location'), cookies: answer.headers.getSetCookie() };
}

const session = (cookies: string[]) => cookies.find((c) => /session-token=/.test(c));

describe('Auth.js routes', () => {
  it('send a client back to the address it came by, not to localhost', async () => {
    const { location, cookies } = await signIn({
      host: '192.0.2.2:3000',
      'x-forwarded-host': '192.0.2.2:3000',
      'x-forwarded-proto': 'http',
    });
    expect(location).toBe('http://192.0.2.2:3000');
    expect(session(cookies)).toMatch(/^authjs\.session-token=/);
    expect(session(cookies)).not.toMatch(/; Secure/i);
  });

  it('mark cookies Secure when the public URL is https (behind a trusted proxy)', async () => {
    const { location, cookies } = await signIn({
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'miniflow.example.com',
      'x-forwarded-proto': 'https',
    });
    expect(location).toBe('https://miniflow.example.com');
    expect(session(cookies)).toMatch(/^__Secure-authjs\.session-token=.*; Secure/i);
  });
});
