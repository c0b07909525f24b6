import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '@/test/fixtures';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import type { ZodError } from 'zod';
import { formatZodError } from '../api/format-zod-error';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import type { Actor } from '../services/actor';
import { createCredential, setEnvSecretFallback } from '../services/credentials/save-credential';

afterAll(closeRunListener);

const VALUE_A = 'shop-token-of-workspace-a-71c9';

let a: Actor;
let b: Actor;

/** A workflow that puts `$secret(name)` in its output. */
async function readsSecret(actor: Actor, name: string) {
  return publish(actor, {
    name: `Reads ${name} ${Math.random()}`,
    nodes: [
      node('start', 'manual'),
      node('read', 'set', { values: { token: `{{ $secret('${name}') }}` } }),
    ],
    edges: [edge('start', 'read')],
  });
}

async function runOf(actor: Actor, workflowId: string) {
  const { runId } = await startRun(actor, workflowId);
  return db.run.findUniqueOrThrow({ where: { id: runId } });
}

beforeAll(async () => {
  a = await ownerActor();
  b = await ownerActor();
  await createCredential(db, a, { name: 'SHOP_TOKEN', type: 'secret', data: { value: VALUE_A } });
});

describe('$secret reads the run’s own workspace', () => {
  it('finds a credential of its workspace, masked in what is stored', async () => {
    const { workflowId } = await readsSecret(a, 'SHOP_TOKEN');
    const run = await runOf(a, workflowId);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ read: { token: '••••[credentials]' } });
    expect(JSON.stringify(run)).not.toContain(VALUE_A);
  });

  it('does not know a secret of workspace A in workspace B', async () => {
    const { workflowId } = await readsSecret(b, 'SHOP_TOKEN');
    const run = await runOf(b, workflowId);
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.error)).toMatch(/SHOP_TOKEN/);
    expect(JSON.stringify(run)).not.toContain(VALUE_A);
  });

  it('falls back to MINIFLOW_SECRET_* only once the owner turns that on', async () => {
    process.env.MINIFLOW_SECRET_FROM_ENV_ONLY = 'instance-wide-value';
    try {
      const { workflowId } = await readsSecret(b, 'FROM_ENV_ONLY');
      expect((await runOf(b, workflowId)).status).toBe('failed');
      await setEnvSecretFallback(db, b, { enabled: true });
      const run = await runOf(b, workflowId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ read: { token: '••••[credentials]' } });
    } finally {
      delete process.env.MINIFLOW_SECRET_FROM_ENV_ONLY;
      await setEnvSecretFallback(db, b, { enabled: false });
    }
  });

  it('keeps a credential restricted to named workflows from the others', async () => {
    const allowed = await readsSecret(a, 'ONLY_FOR_ONE');
    const other = await readsSecret(a, 'ONLY_FOR_ONE');
    await createCredential(db, a, {
      name: 'ONLY_FOR_ONE',
      type: 'httpBearer',
      data: { token: 'restricted-token-5521' },
      allowedWorkflowIds: [allowed.workflowId],
    });
    expect((await runOf(a, allowed.workflowId)).status).toBe('succeeded');
    const refused = await runOf(a, other.workflowId);
    expect(refused.status).toBe('failed');
    expect(JSON.stringify(refused.error)).toMatch(/may not be used by this workflow/);
  });

  it('audits each use with the run and workflow', async () => {
    const { workflowId } = await readsSecret(a, 'SHOP_TOKEN');
    const run = await runOf(a, workflowId);
    const events = await db.auditEvent.findMany({
      where: { workspaceId: a.workspaceId, action: 'credential.used' },
    });
    const mine = events.filter((e) => (e.data as { runId?: string }).runId === run.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.data).toMatchObject({ name: 'SHOP_TOKEN', workflowId, nodeId: 'read' });
  });
});

describe('credentials over tRPC', () => {
  it('are write-only: the list tells that values are set, by whom and when, never them', async () => {
    const caller = callerFor(
      a.userId,
      (await db.workspace.findUniqueOrThrow({ where: { id: a.workspaceId } })).slug,
    );
    await caller.credential.create({
      name: 'SHOP_DB',
      type: 'postgres',
      data: {
        host: 'db.example.com',
        database: 'shop',
        user: 'reader',
        password: 'pg-password-3391',
      },
    });
    const list = await caller.credential.list();
    const text = JSON.stringify(list);
    expect(text).not.toContain('pg-password-3391');
    expect(text).not.toContain(VALUE_A);
    expect(text).not.toContain('db.example.com');
    expect(list.find((c) => c.name === 'SHOP_DB')).toMatchObject({
      type: 'postgres',
      set: true,
      version: 1,
    });
    const audited = await db.auditEvent.findMany({
      where: { workspaceId: a.workspaceId, action: 'credential.created' },
    });
    expect(audited.map((e) => (e.data as { name: string }).name)).toContain('SHOP_DB');
  });

  it('refuses data that does not fit the type, naming the field', async () => {
    const caller = callerFor(
      a.userId,
      (await db.workspace.findUniqueOrThrow({ where: { id: a.workspaceId } })).slug,
    );
    const error = await caller.credential
      .create({
        name: 'BROKEN',
        type: 'postgres',
        data: { host: 'x', database: 'd', user: 'u', password: 'p', port: 'five' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect(formatZodError((error as TRPCError).cause as ZodError)).toMatch(
      /data\.port: must be a port number/,
    );
  });
});
