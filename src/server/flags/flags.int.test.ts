import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Flag } from '@/engine';
import { db } from '@/server/db';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { workspaceFixture } from '@/test/workspace-fixture';
import { env } from '../env';
import { keyFor, rest } from '../rest/rest-test-kit';
import type { Actor } from '../services/actor';
import { putFlag } from '../services/flags/put-flag';
import { FlagCache } from './flag-cache';
import { createRunListener } from '../events/run-listener';
import { flagNotices } from './flag-listener';
import { handleOfrep } from './ofrep';

const listeners: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const l of listeners) await l.close();
});

const pricing = (serve: string, extra: Partial<Flag> = {}): Flag => ({
  key: 'new-pricing',
  kind: 'boolean',
  enabled: true,
  variants: { on: true, off: false },
  defaultVariant: 'off',
  rules: [{ serve }],
  ...extra,
});

/** A cache with a LISTEN connection of its own, as another process would have. */
function processCache() {
  const listener = createRunListener(env().DATABASE_URL);
  listeners.push(listener);
  return new FlagCache(db, flagNotices(listener));
}

describe('flag cache', () => {
  it('refreshes every process’s compiled flags through NOTIFY when a flag changes', async () => {
    const actor = await ownerActor();
    await putFlag(db, actor, pricing('on'));
    const a = processCache();
    const b = processCache();
    expect((await a.forWorkspace(actor.workspaceId)).set.evaluate('new-pricing', {}).variant).toBe(
      'on',
    );
    expect((await b.forWorkspace(actor.workspaceId)).set.evaluate('new-pricing', {}).variant).toBe(
      'on',
    );
    const cached = await b.forWorkspace(actor.workspaceId);
    expect(await b.forWorkspace(actor.workspaceId)).toBe(cached);

    await putFlag(db, actor, pricing('off'));
    for (const cache of [a, b]) {
      await waitUntil('the new flag', async () =>
        (await cache.forWorkspace(actor.workspaceId)).set.evaluate('new-pricing', {}).variant ===
        'off'
          ? true
          : undefined,
      );
    }
  });
});

describe('$flag in a workflow', () => {
  it('routes an If by the flag and records the variant on the step', async () => {
    const actor: Actor = await ownerActor();
    await putFlag(db, actor, pricing('on'));
    const { workflowId } = await publish(actor, {
      name: 'Pricing',
      nodes: [
        node('start', 'manual'),
        node('gate', 'if', {
          condition: '$flag("new-pricing", { "targetingKey": input.customerId })',
        }),
        node('newPrice', 'set', { values: { price: 90 } }),
        node('oldPrice', 'set', { values: { price: 100 } }),
      ],
      edges: [
        edge('start', 'gate'),
        edge('gate', 'newPrice', 'true'),
        edge('gate', 'oldPrice', 'false'),
      ],
    });
    const first = await waitForRun((await startRun(actor, workflowId, { customerId: 'c1' })).runId);
    expect(first.output).toEqual({ newPrice: { price: 90 } });
    const gate = await db.stepRun.findFirstOrThrow({ where: { runId: first.id, nodeId: 'gate' } });
    expect(gate.logs).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'Flag "new-pricing" served variant "on"',
        fields: { flag: 'new-pricing', variant: 'on', reason: 'TARGETING_MATCH', ruleIndex: 0 },
      }),
    ]);

    await putFlag(db, actor, pricing('on', { enabled: false }));
    await waitUntil('the disabled flag to apply', async () => {
      const run = await waitForRun((await startRun(actor, workflowId, { customerId: 'c1' })).runId);
      return (run.output as { oldPrice?: { price: number } }).oldPrice?.price === 100
        ? true
        : undefined;
    });
  });
});

const success = z.strictObject({
  key: z.string(),
  value: z.union([z.boolean(), z.string(), z.number(), z.record(z.string(), z.unknown())]),
  reason: z.enum(['STATIC', 'TARGETING_MATCH', 'SPLIT', 'DISABLED', 'UNKNOWN', 'DEFAULT']),
  variant: z.string().optional(),
  metadata: z.record(z.string(), z.union([z.boolean(), z.string(), z.number()])).optional(),
});
const failure = z.strictObject({
  key: z.string(),
  errorCode: z.enum([
    'PARSE_ERROR',
    'TARGETING_KEY_MISSING',
    'INVALID_CONTEXT',
    'GENERAL',
    'FLAG_NOT_FOUND',
  ]),
  errorDetails: z.string().optional(),
});
const generalError = z.strictObject({ errorCode: z.string(), errorDetails: z.string().optional() });
const bulk = z.strictObject({ flags: z.array(z.union([success, failure])) });

async function ofrep(
  key: string | undefined,
  apiKey: string | null,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await handleOfrep(
    new Request(`http://localhost/ofrep/v1/evaluate/flags${key ? `/${key}` : ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    key,
  );
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

describe('OFREP', () => {
  it('evaluates one flag and all flags by the protocol’s schema, with ETags', async () => {
    const fixture = await workspaceFixture();
    const actor: Actor = {
      userId: fixture.members.owner,
      workspaceId: fixture.workspaceId,
      role: 'owner',
    };
    await putFlag(db, actor, {
      ...pricing('on'),
      rules: [
        { when: [{ attribute: 'country', op: 'in', values: ['DE'] }], serve: 'on' },
        { serve: { rollout: { on: 30, off: 70 } } },
      ],
    });
    const key = await keyFor(fixture, 'viewer');
    const one = await ofrep('new-pricing', key, { context: { targetingKey: 'u1', country: 'DE' } });
    expect(one.status).toBe(200);
    expect(success.parse(one.body)).toEqual({
      key: 'new-pricing',
      value: true,
      reason: 'TARGETING_MATCH',
      variant: 'on',
      metadata: {},
    });
    expect(
      success.parse((await ofrep('new-pricing', key, { context: { targetingKey: 'u1' } })).body)
        .reason,
    ).toBe('SPLIT');

    const all = await ofrep(undefined, key, { context: { targetingKey: 'u1', country: 'DE' } });
    expect(all.status).toBe(200);
    expect(
      bulk
        .parse(all.body)
        .flags.map((f) => f.key)
        .sort(),
    ).toEqual([fixture.flagKey, 'new-pricing'].sort());
    expect(all.etag).toMatch(/^".+"$/);
    const again = await ofrep(
      undefined,
      key,
      { context: { targetingKey: 'u1', country: 'DE' } },
      { 'if-none-match': all.etag! },
    );
    expect(again.status).toBe(304);
    const otherContext = await ofrep(
      undefined,
      key,
      { context: { targetingKey: 'u2' } },
      { 'if-none-match': all.etag! },
    );
    expect(otherContext.status).toBe(200);

    await putFlag(db, actor, pricing('off'));
    await waitUntil('a new ETag after the change', async () => {
      const changed = await ofrep(
        undefined,
        key,
        { context: { targetingKey: 'u1', country: 'DE' } },
        { 'if-none-match': all.etag! },
      );
      return changed.status === 200 ? true : undefined;
    });
  });

  it('answers errors in the protocol’s shapes', async () => {
    const fixture = await workspaceFixture();
    const key = await keyFor(fixture, 'viewer');
    const missing = await ofrep('nope', key, { context: {} });
    expect(missing.status).toBe(404);
    expect(failure.parse(missing.body)).toMatchObject({ key: 'nope', errorCode: 'FLAG_NOT_FOUND' });
    const noKey = await ofrep('nope', null, {});
    expect(noKey.status).toBe(401);
    generalError.parse(noKey.body);
    expect((await ofrep('nope', 'mf_not_a_key', {})).status).toBe(401);
    const bad = await ofrep(fixture.flagKey, key, { context: 'DE' });
    expect(bad.status).toBe(400);
    expect(generalError.parse(bad.body)).toMatchObject({ errorCode: 'INVALID_CONTEXT' });
    expect((await ofrep(fixture.flagKey, key, '{')).status).toBe(400);
  });

  it('serves only the key’s own workspace', async () => {
    const mine = await workspaceFixture();
    const other = await workspaceFixture();
    const key = await keyFor(mine, 'viewer');
    expect((await ofrep(other.flagKey, key, {})).status).toBe(404);
    const all = bulk.parse((await ofrep(undefined, key, {})).body);
    expect(all.flags.map((f) => f.key)).toEqual([mine.flagKey]);
  });
});

describe('flags over REST', () => {
  it('creates, replaces and reads a flag document; a key that differs from the path is refused', async () => {
    const fixture = await workspaceFixture();
    const editor = await keyFor(fixture, 'editor');
    const doc = pricing('on');
    const created = await rest('PUT', '/flags/new-pricing', { key: editor, body: doc });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(doc);
    const replaced = await rest('PUT', '/flags/new-pricing', { key: editor, body: pricing('off') });
    expect(replaced.status).toBe(200);
    expect((await rest('GET', '/flags/new-pricing', { key: editor })).body).toEqual(pricing('off'));
    const mismatch = await rest('PUT', '/flags/other', { key: editor, body: doc });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({
      detail: 'key: "new-pricing" differs from the key in the path ("other")',
    });
    const invalid = await rest('PUT', '/flags/new-pricing', {
      key: editor,
      body: { ...doc, defaultVariant: 'x' },
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toMatch(/defaultVariant/);
    const audit = await db.auditEvent.findMany({
      where: { workspaceId: fixture.workspaceId, targetType: 'flag', targetId: 'new-pricing' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((e) => e.action)).toEqual(['flag.created', 'flag.updated']);
  });
});

describe('OpenFeature provider', () => {
  it('lets server code read a workspace’s flags through the OpenFeature SDK', async () => {
    const { OpenFeature } = await import('@openfeature/server-sdk');
    const { MiniFlowProvider } = await import('./openfeature-provider');
    const actor = await ownerActor();
    await putFlag(db, actor, {
      ...pricing('on'),
      rules: [{ when: [{ attribute: 'country', op: 'equals', values: ['DE'] }], serve: 'on' }],
    });
    await OpenFeature.setProviderAndWait(
      'provider-test',
      new MiniFlowProvider(processCache(), actor.workspaceId),
    );
    const client = OpenFeature.getClient('provider-test');
    expect(
      await client.getBooleanValue('new-pricing', false, { targetingKey: 'u1', country: 'DE' }),
    ).toBe(true);
    const details = await client.getBooleanDetails('new-pricing', true, {
      targetingKey: 'u1',
      country: 'US',
    });
    expect(details).toMatchObject({ value: false, variant: 'off', reason: 'DEFAULT' });
    expect(await client.getStringDetails('new-pricing', 'x', {})).toMatchObject({
      value: 'x',
      errorCode: 'TYPE_MISMATCH',
    });
    expect(await client.getBooleanDetails('missing', true, {})).toMatchObject({
      value: true,
      errorCode: 'FLAG_NOT_FOUND',
    });
    await OpenFeature.close();
  });
});

describe('workflow tests in the app', () => {
  it('force flags by variant name, from the workspace’s flag definitions', async () => {
    const { callerFor, createMember, createWorkspace } = await import('@/test/fixtures');
    const ws = await createWorkspace();
    const editor = callerFor((await createMember(ws.id, 'editor')).id, ws.slug);
    await editor.flag.put(pricing('off'));
    const wf = await editor.workflow.create({ name: 'Flag tests' });
    await editor.workflow.saveDraft({
      id: wf.id,
      revision: 0,
      definition: {
        schemaVersion: 1,
        name: 'Flag tests',
        nodes: [
          node('start', 'manual'),
          node('gate', 'if', { condition: '$flag("new-pricing", {})' }),
          node('yes', 'noop'),
        ],
        edges: [edge('start', 'gate'), edge('gate', 'yes', 'true')],
      },
    });
    const expectYes = (status: string) => ({ steps: { yes: { status } } });
    await editor.test.create({
      workflowId: wf.id,
      testCase: {
        name: 'forced on',
        flags: { 'new-pricing': 'on' },
        expect: expectYes('succeeded'),
      },
    });
    await editor.test.create({
      workflowId: wf.id,
      testCase: { name: 'as defined', expect: expectYes('skipped') },
    });
    const result = await editor.test.run({ workflowId: wf.id });
    expect(result.cases.map((c) => [c.name, c.passed, c.failures])).toEqual([
      ['as defined', true, []],
      ['forced on', true, []],
    ]);
  });
});
