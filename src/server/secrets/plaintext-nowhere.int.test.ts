import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { callerFor } from '@/test/fixtures';
import { edge, node, publish, startRun, waitForRun, withWorker } from '@/test/runtime-fixtures';
import { startTestServer, type TestServer } from '@/test/test-http-server';
import { db } from '../db';
import { closeRunListener } from '../events/run-listener';
import { keyFor, rest } from '../rest/rest-test-kit';
import type { Actor } from '../services/actor';
import { createCredential } from '../services/credentials/save-credential';
import type * as loggerModule from '../logger';

type LoggerModule = typeof loggerModule;

// Every line the process logs, at every level, kept here instead of stdout.
const logged = vi.hoisted(() => [] as string[]);
vi.mock('@/server/logger', async (importOriginal) => {
  const original = await importOriginal<LoggerModule>();
  const { createLogger } = await import('@/server/logging/create-logger');
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString('utf8'));
      done();
    },
  });
  return { ...original, logger: createLogger({ level: 'trace', destination }) };
});

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

const PLAIN = 'Pl41n-T3xt-Cr3dential/Value+0042';

/** The plaintext in every form a workflow could turn it into. */
function forms(text: string): string[] {
  const bytes = Buffer.from(text);
  return [
    text,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    encodeURIComponent(text),
  ];
}

function expectNowhere(text: string, where: string) {
  for (const form of forms(PLAIN)) expect(text, `${where} holds ${form}`).not.toContain(form);
}

/** Every row of every table of the database, as PostgreSQL prints it. */
async function dumpDatabase(): Promise<string> {
  const tables = await db.$queryRaw<{ schema: string; name: string }[]>`
    SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`;
  expect(tables.length).toBeGreaterThan(10);
  const parts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(
      `SELECT t::text AS row FROM "${schema}"."${name}" t`,
    );
    parts.push(`${schema}.${name}: ${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}

let fixture: WorkspaceFixture;
let actor: Actor;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((_path, _nth, body) => ({ body: { echo: body } }));
  fixture = await workspaceFixture();
  actor = { userId: fixture.members.owner, workspaceId: fixture.workspaceId, role: 'owner' };
  await createCredential(db, actor, {
    name: 'PLAIN_CHECK',
    type: 'secret',
    data: { value: PLAIN },
  });
});
afterAll(async () => {
  await server.close();
  await closeRunListener();
});

describe('after a workflow uses a credential', () => {
  it('its plaintext is nowhere: not in any table, log line, run record or API answer', async () => {
    const secret = "$secret('PLAIN_CHECK')";
    const { workflowId } = await publish(actor, {
      name: 'Uses a credential',
      nodes: [
        node('start', 'manual'),
        node('shape', 'set', {
          values: {
            plain: `{{ ${secret} }}`,
            base64: `{{ $base64encode(${secret}) }}`,
            url: `{{ $encodeUrlComponent(${secret}) }}`,
            basic: `{{ $base64encode('user:' & ${secret}) }}`,
          },
        }),
        node('say', 'log', { level: 'error', message: `token {{ ${secret} }} in a log` }),
        node('call', 'http', {
          url: `${server.url}/echo`,
          method: 'POST',
          headers: { authorization: `Bearer {{ ${secret} }}` },
          body: { token: `{{ ${secret} }}`, shaped: '{{ steps.shape }}' },
        }),
        node('code', 'code', { code: 'return { seen: input.secretCopy };' }),
      ],
      edges: [
        edge('start', 'shape'),
        edge('shape', 'say'),
        edge('say', 'call'),
        edge('call', 'code'),
      ],
    });
    const failing = await publish(actor, {
      name: 'Fails with a credential',
      nodes: [node('start', 'manual'), node('boom', 'fail', { message: `bad {{ ${secret} }}` })],
      edges: [edge('start', 'boom')],
    });
    let runIds: string[] = [];
    await withWorker(async () => {
      const first = await startRun(actor, workflowId, { note: 'plain input' });
      const second = await startRun(actor, failing.workflowId);
      runIds = [first.runId, second.runId];
      expect((await waitForRun(first.runId)).status).toBe('succeeded');
      expect((await waitForRun(second.runId)).status).toBe('failed');
    });
    // The run really used the value: the echo server received it.
    expect(server.requests.some((r) => JSON.stringify(r).includes(PLAIN))).toBe(true);

    expectNowhere(await dumpDatabase(), 'the database');
    expect(logged.join('\n')).toContain('token ••••[credentials] in a log');
    expectNowhere(logged.join('\n'), 'the logs');

    const caller = callerFor(fixture.members.owner, fixture.slug);
    for (const id of runIds) expectNowhere(JSON.stringify(await caller.run.get({ id })), 'run.get');
    expectNowhere(JSON.stringify(await caller.run.list({})), 'run.list');
    expectNowhere(JSON.stringify(await caller.credential.list()), 'credential.list');
    const key = await keyFor(fixture, 'admin');
    for (const id of runIds)
      expectNowhere(JSON.stringify((await rest('GET', `/runs/${id}`, { key })).body), 'REST run');
    expectNowhere(
      JSON.stringify((await rest('GET', '/credentials', { key })).body),
      'REST credentials',
    );
  });
});
