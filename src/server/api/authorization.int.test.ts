import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleBelow, ROLES, type Role } from '@/shared/roles';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';
import { closeRunListener } from '../events/run-listener';
import { appRouter } from './root';
import type { Meta } from './trpc';

/**
 * Every procedure of the root router, enumerated: each must reject an anonymous caller,
 * a caller one role below its tier, and a caller from another workspace — so a new
 * procedure cannot skip authorization without failing here.
 */

// Procedures open to any signed-in user because they are about the user, not a workspace.
const USER_SCOPED = new Set([
  'workspace.mine',
  'workspace.create',
  'invitation.accept',
  'account.changePassword',
  'account.signOutEverywhere',
]);

type AnyProcedure = { _def: { meta?: Meta } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
);

async function call(caller: ReturnType<typeof callerFor>, path: string): Promise<unknown> {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  const result = await (fn as (input: unknown) => Promise<unknown>)({});
  // A subscription is authorized before it streams: read its first event, then end it.
  if (isAsyncIterable(result)) {
    const events = result[Symbol.asyncIterator]();
    try {
      await events.next();
    } finally {
      await events.return?.();
    }
  }
  return result;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

async function errorOf(promise: Promise<unknown>): Promise<TRPCError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

afterAll(closeRunListener);

let slug: string;
const members = new Map<Role, string>();
let outsiderId: string;

beforeAll(async () => {
  const workspace = await createWorkspace();
  slug = workspace.slug;
  for (const role of ROLES) members.set(role, (await createMember(workspace.id, role)).id);
  const other = await createWorkspace();
  outsiderId = (await createMember(other.id, 'owner')).id;
});

describe('authorization of every procedure', () => {
  it('finds the procedures', () => {
    expect(procedures.length).toBeGreaterThan(5);
  });

  it.each(procedures)('%s declares who may call it', (path, procedure) => {
    const meta = procedure._def.meta ?? {};
    expect(Boolean(meta.minRole) || Boolean(meta.public) || USER_SCOPED.has(path)).toBe(true);
  });

  it.each(procedures.filter(([, p]) => !p._def.meta?.public))(
    '%s refuses an anonymous caller',
    async (path) => {
      const error = await errorOf(call(callerFor(null, slug), path));
      expect(error?.code).toBe('UNAUTHORIZED');
    },
  );

  it.each(procedures.filter(([, p]) => p._def.meta?.minRole))(
    '%s hides the workspace from a member of another workspace',
    async (path) => {
      const error = await errorOf(call(callerFor(outsiderId, slug), path));
      expect(error?.code).toBe('NOT_FOUND');
      expect(error?.message).toBe('Workspace not found');
    },
  );

  it.each(procedures.filter(([, p]) => p._def.meta?.minRole))(
    '%s refuses the role below its tier and admits its tier',
    async (path, procedure) => {
      const minRole = procedure._def.meta!.minRole!;
      const below = roleBelow(minRole);
      if (below) {
        const error = await errorOf(call(callerFor(members.get(below)!, slug), path));
        expect(error?.code).toBe('FORBIDDEN');
      }
      // At its tier the caller gets past authorization (input may still be refused).
      const error = await errorOf(call(callerFor(members.get(minRole)!, slug), path));
      expect(['UNAUTHORIZED', 'FORBIDDEN']).not.toContain(error?.code);
      expect(error?.message).not.toBe('Workspace not found');
    },
  );
});
