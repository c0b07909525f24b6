import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleBelow, type Role } from '@/shared/roles';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';
import { NOT_IDS, PROCEDURE_CASES, type Ids, type ProcedureCase } from '@/test/procedure-inputs';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { insertApiKey } from '../api-keys/insert-api-key';
import { authenticateApiKey } from '../api-keys/authenticate-api-key';
import { serverPepper } from '../api-keys/server-pepper';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import { appRouter, createCaller } from './root';
import { createContext, type Meta } from './trpc';

/**
 * Every procedure of the root router, each with valid input (src/test/procedure-inputs.ts):
 * it must refuse an anonymous caller, a caller one role below its tier and a member of
 * another workspace; admit its tier; and answer NOT_FOUND to every id of another workspace
 * (and, where two ids must belong together, of another workflow), whichever id it is. A
 * service whose query forgets the workspace turns one of these red.
 */

// Procedures open to any signed-in user because they are about the user, not a workspace.
const USER_SCOPED = new Set([
  'workspace.mine',
  'workspace.create',
  'invitation.accept',
  'account.changePassword',
  'account.signOutEverywhere',
  // The installation's, for its instance admins (require-instance-admin.ts).
  'instance.status',
  'instance.workspaces',
  'instance.admins',
  'instance.setQuotas',
  'instance.setAdmin',
]);

type AnyProcedure = { _def: { meta?: Meta } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
);
const paths = procedures.map(([path]) => path);
const tiered = procedures.filter(([, p]) => p._def.meta?.minRole);

type Caller = ReturnType<typeof callerFor>;

async function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  const result = await (fn as (input: unknown) => Promise<unknown>)(input);
  // A subscription is authorized before it streams: read its first event, then end it.
  if (isAsyncIterable(result)) {
    const events = result[Symbol.asyncIterator]();
    try {
      return (await events.next()).value;
    } finally {
      await events.return?.();
    }
  }
  return result;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

async function outcome(
  promise: Promise<unknown>,
): Promise<{ error: TRPCError; answer?: never } | { error: null; answer: unknown }> {
  try {
    return { error: null, answer: await promise };
  } catch (error) {
    if (error instanceof TRPCError) return { error };
    throw error;
  }
}

const caseOf = (path: string): ProcedureCase => PROCEDURE_CASES[path]!;

/** The id fields an input builder reads. */
function idsRead(build: ProcedureCase['input'], ids: Ids): (keyof Ids)[] {
  const read = new Set<keyof Ids>();
  build(
    new Proxy(ids, {
      get(target, key) {
        read.add(key as keyof Ids);
        return target[key as keyof Ids];
      },
    }),
  );
  return [...read].filter((field) => !NOT_IDS.includes(field));
}

function idsOf(fixture: WorkspaceFixture): Ids {
  const {
    slug: _slug,
    workspaceId: _workspaceId,
    members: _members,
    second: _second,
    ...ids
  } = fixture;
  return ids;
}

/** Each id of another workspace (or workflow) names nothing: NOT_FOUND, or the case's refusal. */
async function expectRefused(path: string, caller: Caller, ids: Ids, what: string) {
  const { error, answer } = await outcome(call(caller, path, caseOf(path).input(ids)));
  const refused = caseOf(path).refused;
  if (refused && !error) {
    expect(refused(answer), `${path} with ${what}: ${JSON.stringify(answer)}`).toBe(true);
  } else {
    expect(error?.code, `${path} with ${what}`).toBe('NOT_FOUND');
  }
}

afterAll(closeRunListener);

let mine: WorkspaceFixture;
let theirs: WorkspaceFixture;
let outsiderId: string;

beforeAll(async () => {
  mine = await workspaceFixture();
  theirs = await workspaceFixture();
  outsiderId = (await createMember((await createWorkspace()).id, 'owner')).id;
});

describe('authorization of every procedure', () => {
  it('has valid input for exactly the procedures of the router', () => {
    expect(paths.length).toBeGreaterThan(5);
    expect(Object.keys(PROCEDURE_CASES).sort()).toEqual([...paths].sort());
  });

  it.each(procedures)('%s declares who may call it', (path, procedure) => {
    const meta = procedure._def.meta ?? {};
    expect(Boolean(meta.minRole) || Boolean(meta.public) || USER_SCOPED.has(path)).toBe(true);
  });

  it.each(procedures.filter(([, p]) => !p._def.meta?.public))(
    '%s refuses an anonymous caller',
    async (path) => {
      const { error } = await outcome(
        call(callerFor(null, mine.slug), path, caseOf(path).input(idsOf(mine))),
      );
      expect(error?.code).toBe('UNAUTHORIZED');
    },
  );

  it.each(tiered)('%s hides the workspace from a member of another workspace', async (path) => {
    const { error } = await outcome(
      call(callerFor(outsiderId, mine.slug), path, caseOf(path).input(idsOf(mine))),
    );
    expect(error?.code).toBe('NOT_FOUND');
    expect(error?.message).toBe('Workspace not found');
  });

  it.each(tiered)(
    '%s refuses the role below its tier, admits its tier, and answers with its workspace only',
    async (path, procedure) => {
      // A workspace of its own: a mutation that succeeds must not disturb the other cases.
      const fresh = await workspaceFixture();
      const minRole = procedure._def.meta!.minRole!;
      const input = caseOf(path).input(idsOf(fresh));
      const below = roleBelow(minRole);
      if (below) {
        const { error } = await outcome(
          call(callerFor(fresh.members[below], fresh.slug), path, input),
        );
        expect(error?.code).toBe('FORBIDDEN');
      }
      const { wide } = caseOf(path);
      for (const valid of wide === undefined ? [input] : [input, wide]) {
        const { error, answer } = await outcome(
          call(callerFor(fresh.members[minRole], fresh.slug), path, valid),
        );
        expect(error, `${path}: ${error?.message}`).toBeNull();
        const text = JSON.stringify(answer ?? null);
        // Numeric ids (audit events) would match the digits of any number: only the others.
        const foreign = [...Object.values(idsOf(mine)), mine.workspaceId].filter(
          (id) => !/^\d+$/.test(id),
        );
        for (const id of foreign) {
          expect(text, `${path} answered with another workspace's id`).not.toContain(id);
        }
      }
    },
  );

  it.each(tiered)('%s answers NOT_FOUND to ids of another workspace', async (path, procedure) => {
    const build = caseOf(path).input;
    const caller = callerFor(mine.members[procedure._def.meta!.minRole!], mine.slug);
    const fields = idsRead(build, idsOf(mine));
    if (fields.length === 0) return;
    await expectRefused(path, caller, idsOf(theirs), 'every id from another workspace');
    // One foreign id among the caller's own: each id is looked up in the workspace itself.
    for (const field of fields) {
      const mixed = { ...idsOf(mine), [field]: idsOf(theirs)[field] };
      await expectRefused(path, caller, mixed, `${field} from another workspace`);
    }
  });

  it.each(tiered.filter(([path]) => caseOf(path).sameWorkflow))(
    '%s answers NOT_FOUND to ids of two different workflows',
    async (path, procedure) => {
      const caller = callerFor(mine.members[procedure._def.meta!.minRole!], mine.slug);
      const fields = idsRead(caseOf(path).input, idsOf(mine)).filter((f) => f !== 'workflowId');
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        const mixed = { ...idsOf(mine), [field]: mine.second[field as keyof typeof mine.second] };
        await expectRefused(path, caller, mixed, `${field} of another workflow`);
      }
    },
  );
});

/** A caller holding an API key of `role` in the fixture's workspace, as REST builds one. */
async function keyCaller(fixture: WorkspaceFixture, role: Role) {
  if (role === 'owner') throw new Error('API keys are never owners');
  const made = await db.$transaction((tx) =>
    insertApiKey(tx, serverPepper(), {
      workspaceId: fixture.workspaceId,
      name: `${role} key`,
      role,
      expiresAt: null,
      createdById: null,
    }),
  );
  const apiKey = await authenticateApiKey(db, serverPepper(), made.key);
  return createCaller(createContext({ userId: null, workspaceSlug: fixture.slug, apiKey }));
}

describe('authorization of every procedure for an API key', () => {
  it.each(procedures.filter(([, p]) => !p._def.meta?.minRole && !p._def.meta?.public))(
    '%s is about an account: a key is refused',
    async (path) => {
      const { error } = await outcome(
        call(await keyCaller(mine, 'admin'), path, caseOf(path).input(idsOf(mine))),
      );
      expect(error?.code).toBe('FORBIDDEN');
    },
  );

  it.each(tiered)(
    '%s refuses a key one role below its tier, admits a key of its tier',
    async (path, procedure) => {
      const fresh = await workspaceFixture();
      const minRole = procedure._def.meta!.minRole!;
      const input = caseOf(path).input(idsOf(fresh));
      // Keys are never owners: owner procedures refuse even an admin key.
      const below = minRole === 'owner' ? 'admin' : roleBelow(minRole);
      if (below) {
        const { error } = await outcome(call(await keyCaller(fresh, below), path, input));
        expect(error?.code).toBe('FORBIDDEN');
      }
      if (minRole !== 'owner') {
        const { error } = await outcome(call(await keyCaller(fresh, minRole), path, input));
        expect(error, `${path}: ${error?.message}`).toBeNull();
      }
    },
  );

  it.each(tiered.filter(([, p]) => p._def.meta!.minRole !== 'owner'))(
    '%s answers NOT_FOUND to a key whose workspace the ids are not of',
    async (path, procedure) => {
      if (idsRead(caseOf(path).input, idsOf(mine)).length === 0) return;
      const caller = await keyCaller(theirs, procedure._def.meta!.minRole!);
      await expectRefused(
        path,
        caller,
        idsOf(mine),
        "a key of another workspace with this one's ids",
      );
    },
  );
});
