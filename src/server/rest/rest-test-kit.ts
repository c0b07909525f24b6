import { insertApiKey } from '../api-keys/insert-api-key';
import { serverPepper } from '../api-keys/server-pepper';
import { db } from '../db';
import type { WorkspaceFixture } from '@/test/workspace-fixture';
import { handleRestRequest } from './handle-rest-request';

export type KeyRole = 'admin' | 'editor' | 'operator' | 'viewer';

/** A key of `role` in the fixture's workspace, made by its admin. */
export async function keyFor(fixture: WorkspaceFixture, role: KeyRole): Promise<string> {
  const made = await db.$transaction((tx) =>
    insertApiKey(tx, serverPepper(), {
      workspaceId: fixture.workspaceId,
      name: `${role} key`,
      role,
      expiresAt: null,
      createdById: fixture.members.admin,
    }),
  );
  return made.key;
}

export interface RestAnswerForTest {
  status: number;
  type: string | null;
  body: unknown;
  headers: Headers;
}

/** Calls /api/v1 in-process, exactly as the Next.js route does. */
export async function rest(
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RestAnswerForTest> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await handleRestRequest(
    new Request(`http://localhost/api/v1${path}`, { method, headers, ...(body ? { body } : {}) }),
  );
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
}
