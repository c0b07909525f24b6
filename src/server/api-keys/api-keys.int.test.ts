import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor } from '@/test/fixtures';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { createCaller } from '../api/root';
import { createContext } from '../api/trpc';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import { rest } from '../rest/rest-test-kit';
import { authenticateApiKey } from './authenticate-api-key';
import { isWellFormedKey } from './key-format';
import * as keyHash from './key-hash';
import { serverPepper } from './server-pepper';

vi.mock(import('./key-hash'), async (original) => {
  const actual = await original();
  return { ...actual, sameHash: vi.fn(actual.sameHash) };
});

afterAll(closeRunListener);

let ws: WorkspaceFixture;
const admin = () => callerFor(ws.members.admin, ws.slug);

beforeAll(async () => {
  ws = await workspaceFixture();
});

async function auditActions(targetId: string) {
  const events = await db.auditEvent.findMany({
    where: { workspaceId: ws.workspaceId, targetId },
    orderBy: { id: 'asc' },
  });
  return events.map((e) => e.action);
}

describe('API key lifecycle', () => {
  it('is shown once at creation; only its keyed hash and a short prefix are stored', async () => {
    const made = await admin().apiKey.create({ name: 'CI', role: 'editor', expiresInDays: 30 });
    expect(isWellFormedKey(made.key)).toBe(true);
    expect(made.prefix).toBe(made.key.slice(0, 11));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.hash).toBe(keyHash.hashKey(made.key, serverPepper()));
    expect(JSON.stringify(row)).not.toContain(made.key);
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);

    const listed = (await admin().apiKey.list()).find((k) => k.id === made.id)!;
    expect(listed).toMatchObject({
      name: 'CI',
      role: 'editor',
      prefix: made.prefix,
      status: 'active',
      lastUsedAt: null,
    });
    expect(listed.createdBy).toMatch(/^admin-/);
    expect(JSON.stringify(listed)).not.toContain(made.key);
    expect(listed).not.toHaveProperty('hash');
    expect(await auditActions(made.id)).toEqual(['api_key.created']);
  });

  it('acts with its role; its first use is audited once and its last use is shown', async () => {
    const made = await admin().apiKey.create({ name: 'Used', role: 'viewer' });
    for (let i = 0; i < 3; i++) {
      expect((await rest('GET', '/workflows', { key: made.key })).status).toBe(200);
    }
    const forbidden = await rest('POST', '/workflows', { key: made.key, body: { name: 'No' } });
    expect(forbidden.status).toBe(403);
    expect(await auditActions(made.id)).toEqual(['api_key.created', 'api_key.first_used']);
    const listed = (await admin().apiKey.list()).find((k) => k.id === made.id)!;
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
  });

  it('stops working once expired (401)', async () => {
    const made = await admin().apiKey.create({ name: 'Short', role: 'viewer', expiresInDays: 1 });
    expect((await rest('GET', '/workflows', { key: made.key })).status).toBe(200);
    await db.apiKey.update({
      where: { id: made.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const answer = await rest('GET', '/workflows', { key: made.key });
    expect(answer.status).toBe(401);
    expect((answer.body as { detail: string }).detail).toBe('API key expired');
    expect((await admin().apiKey.list()).find((k) => k.id === made.id)?.status).toBe('expired');
  });

  it('is refused on the very next request after it is revoked, and the revocation is audited', async () => {
    const made = await admin().apiKey.create({ name: 'Revoked', role: 'operator' });
    expect((await rest('GET', '/runs', { key: made.key })).status).toBe(200);
    await admin().apiKey.revoke({ id: made.id });
    const answer = await rest('GET', '/runs', { key: made.key });
    expect(answer.status).toBe(401);
    expect((answer.body as { detail: string }).detail).toBe('API key revoked');
    expect(await auditActions(made.id)).toEqual([
      'api_key.created',
      'api_key.first_used',
      'api_key.revoked',
    ]);
    await expect(admin().apiKey.revoke({ id: made.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('is never made above its creator’s role, nor with the owner role', async () => {
    await expect(
      admin().apiKey.create({ name: 'Owner', role: 'owner' as 'admin' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const owner = callerFor(ws.members.owner, ws.slug);
    await expect(owner.apiKey.create({ name: 'Admin', role: 'admin' })).resolves.toBeDefined();
  });

  it('acts with at most its creator’s current role, and not at all once they leave', async () => {
    const fresh = await workspaceFixture();
    const creator = callerFor(fresh.members.admin, fresh.slug);
    const made = await creator.apiKey.create({ name: 'Editor key', role: 'editor' });
    const create = () =>
      rest('POST', '/workflows', { key: made.key, body: { name: `W ${Math.random()}` } });
    expect((await create()).status).toBe(201);
    const membership = await db.membership.findFirstOrThrow({
      where: { workspaceId: fresh.workspaceId, userId: fresh.members.admin },
    });
    const owner = callerFor(fresh.members.owner, fresh.slug);
    await owner.member.updateRole({ membershipId: membership.id, role: 'viewer' });
    expect((await create()).status).toBe(403);
    expect((await rest('GET', '/workflows', { key: made.key })).status).toBe(200);
    await owner.member.remove({ membershipId: membership.id });
    expect((await rest('GET', '/workflows', { key: made.key })).status).toBe(401);
  });

  it('stops working when its workspace is deleted', async () => {
    const fresh = await workspaceFixture();
    const made = await callerFor(fresh.members.owner, fresh.slug).apiKey.create({
      name: 'Gone',
      role: 'viewer',
    });
    await callerFor(fresh.members.owner, fresh.slug).workspace.delete({
      confirmName: fresh.workspaceName,
    });
    expect((await rest('GET', '/workflows', { key: made.key })).status).toBe(401);
  });

  it('compares the stored hash in constant time', async () => {
    const made = await admin().apiKey.create({ name: 'Timing', role: 'viewer' });
    vi.mocked(keyHash.sameHash).mockClear();
    await authenticateApiKey(db, serverPepper(), made.key);
    expect(keyHash.sameHash).toHaveBeenCalledTimes(1);
  });

  it('refuses a key with a wrong check digit without looking it up', async () => {
    const made = await admin().apiKey.create({ name: 'Typo', role: 'viewer' });
    const last = made.key.at(-1) === '0' ? '1' : '0';
    const typo = `${made.key.slice(0, -1)}${last}`;
    const spy = vi.spyOn(db.apiKey, 'findUnique');
    await expect(authenticateApiKey(db, serverPepper(), typo)).rejects.toThrow('not recognised');
    expect(spy).not.toHaveBeenCalled();
    await authenticateApiKey(db, serverPepper(), made.key);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('is a member of its workspace only: what belongs to an account is refused', async () => {
    const made = await admin().apiKey.create({ name: 'Account', role: 'admin' });
    const principal = await authenticateApiKey(db, serverPepper(), made.key);
    const caller = createCaller(
      createContext({ userId: null, workspaceSlug: ws.slug, apiKey: principal }),
    );
    const error = await caller.workspace.mine().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    await expect(caller.workflow.list()).resolves.toBeDefined();
  });
});
