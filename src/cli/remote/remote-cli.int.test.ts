import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { handleRestRequest } from '@/server/rest/handle-rest-request';
import { keyFor, rest } from '@/server/rest/rest-test-kit';
import { withWorker } from '@/test/runtime-fixtures';
import { workspaceFixture, type WorkspaceFixture } from '@/test/workspace-fixture';
import { cli } from '../program';

/**
 * The remote commands against a real HTTP server serving /api/v1 (the same handler the
 * Next.js route uses) on the test database, with a worker running the queued steps.
 */
let server: http.Server;
let url: string;
let ws: WorkspaceFixture;
let folder: string;
let configHome: string;
const saved = { ...process.env };

async function miniflow(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await cli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const greet = {
  schemaVersion: 1,
  name: 'Greet',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'hello', type: 'set', params: { values: { greeting: 'hello' } } },
  ],
  edges: [{ from: 'start', to: 'hello' }],
};

const greetTests = {
  schemaVersion: 1,
  workflow: 'greet',
  cases: [
    {
      name: 'says hello',
      expect: { status: 'succeeded', output: { hello: { greeting: 'hello' } } },
    },
    { name: 'runs both steps', expect: { steps: { start: { status: 'succeeded' } } } },
  ],
};

const waitYaml = `schemaVersion: 1
name: Wait a bit
nodes:
  - id: start
    type: manual
    params: {}
  - id: pause
    type: delay
    params: { ms: 300 }
  - id: done
    type: set
    params:
      values:
        n: "{{ input.n }}"
edges:
  - { from: start, to: pause }
  - { from: pause, to: done }
`;

const failing = {
  schemaVersion: 1,
  name: 'Always fails',
  nodes: [
    { id: 'start', type: 'manual', params: {} },
    { id: 'boom', type: 'fail', params: { message: 'no luck' } },
  ],
  edges: [{ from: 'start', to: 'boom' }],
};

beforeAll(async () => {
  ws = await workspaceFixture();
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://localhost${req.url}`, {
      method: req.method ?? 'GET',
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
    });
    void handleRestRequest(request).then(async (response) => {
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  folder = await mkdtemp(path.join(os.tmpdir(), 'miniflow-push-'));
  configHome = await mkdtemp(path.join(os.tmpdir(), 'miniflow-config-'));
  await writeFile(path.join(folder, 'greet.json'), JSON.stringify(greet, null, 2));
  await writeFile(path.join(folder, 'wait.yaml'), waitYaml);
  await writeFile(path.join(folder, 'fails.json'), JSON.stringify(failing));
  await writeFile(path.join(folder, 'greet.test.json'), JSON.stringify(greetTests, null, 2));
  process.env.MINIFLOW_URL = url;
  process.env.MINIFLOW_API_KEY = await keyFor(ws, 'editor');
  process.env.XDG_CONFIG_HOME = configHome;
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
  await rm(configHome, { recursive: true, force: true });
  await closeRunListener();
});

describe('miniflow against a running server', () => {
  it('pushes a folder (idempotently), publishes, starts a run and watches it to the end', async () => {
    const first = await miniflow('workflows', 'push', folder);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^created\s+Always fails/m);
    expect(first.out).toMatch(/^created\s+Greet\s/m);
    expect(first.out).toMatch(/^created\s+Greet tests \(2 cases\)\s+\(.*greet\.test\.json\)$/m);
    expect(first.out).toMatch(/^created\s+Wait a bit/m);

    const again = await miniflow('workflows', 'push', folder, '--json');
    expect(again.code).toBe(0);
    const rows = JSON.parse(again.out) as { action: string; tests?: { action: string } }[];
    expect(rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(rows.map((r) => r.tests?.action)).toEqual([undefined, 'unchanged', undefined]);

    await writeFile(
      path.join(folder, 'greet.json'),
      JSON.stringify({ ...greet, vars: { who: 'world' } }),
    );
    const changed = await miniflow('workflows', 'push', path.join(folder, 'greet.json'));
    expect(changed.out).toMatch(/^updated\s+Greet/m);

    const published = await miniflow('workflows', 'publish', 'Wait a bit', '-m', 'first');
    expect(published.code, published.err).toBe(0);
    expect(published.out).toBe('Published Wait a bit v1\n');

    const started = await miniflow('runs', 'start', 'Wait a bit', '--input', '{"n": 2}', '--json');
    expect(started.code, started.err).toBe(0);
    const { id } = JSON.parse(started.out) as { id: string };

    await withWorker(async () => {
      const watched = await miniflow('runs', 'watch', id, '--interval', '50');
      expect(watched.code, watched.err).toBe(0);
      expect(watched.out).toMatch(/✓ pause\s+succeeded/);
      expect(watched.out).toMatch(/✓ done\s+succeeded/);
      expect(watched.out).toMatch(new RegExp(`Run ${id} \\(Wait a bit v1\\) succeeded`));
    });

    const got = await miniflow('runs', 'get', id, '--json');
    expect(got.code).toBe(0);
    expect(JSON.parse(got.out)).toMatchObject({
      status: 'succeeded',
      output: { done: { n: 2 } },
      steps: { done: { status: 'succeeded', attempts: 1, output: { n: 2 }, error: null } },
    });
  });

  it('exits 1 when a run it waits for fails, and 2 for a workflow that does not exist', async () => {
    expect((await miniflow('workflows', 'publish', 'Always fails', '-m', 'x')).code).toBe(0);
    const failed = await miniflow('runs', 'start', 'Always fails', '--wait');
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/failed/);
    expect(failed.out).toMatch(/no luck/);
    const missing = await miniflow('runs', 'start', 'No such workflow');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/No workflow with the id or name "No such workflow"/);
  });

  it('lists and pulls workflows', async () => {
    const listed = await miniflow('workflows', 'list');
    expect(listed.out).toMatch(/Greet/);
    const pulled = await miniflow('workflows', 'pull', 'Greet');
    expect(JSON.parse(pulled.out)).toMatchObject({ name: 'Greet', vars: { who: 'world' } });
  });

  it('pushes test files as the suite of the workflow they name, pulls them back beside it, and they pass', async () => {
    const edited = { ...greetTests, cases: [greetTests.cases[0]!, { name: 'new one' }] };
    await writeFile(path.join(folder, 'greet.test.json'), JSON.stringify(edited));
    const pushed = await miniflow('workflows', 'push', folder);
    expect(pushed.code, pushed.err).toBe(0);
    expect(pushed.out).toMatch(/^updated\s+Greet tests \(2 cases\)/m);
    const greetId = (
      await db.workflow.findFirstOrThrow({
        where: { workspaceId: ws.workspaceId, name: 'Greet' },
      })
    ).id;
    const stored = await db.testCase.findMany({
      where: { workflowId: greetId },
      orderBy: { name: 'asc' },
    });
    expect(stored.map((c) => c.name)).toEqual(['new one', 'says hello']);

    const pulledInto = await mkdtemp(path.join(os.tmpdir(), 'miniflow-pull-'));
    try {
      const pulled = await miniflow('workflows', 'pull', 'Greet', path.join(pulledInto, 'hi.json'));
      expect(pulled.code, pulled.err).toBe(0);
      expect(pulled.err).toMatch(/Wrote 2 test cases to .*hi\.test\.json/);
      const testFile = JSON.parse(await readFile(path.join(pulledInto, 'hi.test.json'), 'utf8'));
      expect(testFile).toEqual({
        schemaVersion: 1,
        workflow: 'hi',
        cases: [{ name: 'new one' }, edited.cases[0]],
      });
      const tested = await miniflow('test', pulledInto);
      expect(tested.code, tested.out + tested.err).toBe(0);
      expect(tested.out).toMatch(/says hello/);

      // The pulled pair pushes back as it is: nothing changes.
      const back = await miniflow('workflows', 'push', pulledInto, '--json');
      expect(back.code, back.err).toBe(0);
      expect(JSON.parse(back.out)).toEqual([
        expect.objectContaining({
          action: 'unchanged',
          tests: expect.objectContaining({ action: 'unchanged' }),
        }),
      ]);

      // A workflow without cases gets no test file.
      const none = await miniflow(
        'workflows',
        'pull',
        'Wait a bit',
        path.join(pulledInto, 'wait.json'),
      );
      expect(none.code, none.err).toBe(0);
      await expect(stat(path.join(pulledInto, 'wait.test.json'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(pulledInto, { recursive: true, force: true });
    }
  });

  it('refuses a push whose test file is invalid or names no pushed workflow, before changing anything', async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), 'miniflow-bad-tests-'));
    try {
      await writeFile(path.join(bad, 'greet.json'), JSON.stringify(greet));
      await writeFile(
        path.join(bad, 'greet.test.json'),
        JSON.stringify({ schemaVersion: 1, workflow: 'greet', cases: [{ name: 'x', mocks: 3 }] }),
      );
      await writeFile(
        path.join(bad, 'other.test.json'),
        JSON.stringify({ schemaVersion: 1, workflow: 'Nobody', cases: [{ name: 'y' }] }),
      );
      const refused = await miniflow('workflows', 'push', bad);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/greet\.test\.json: cases\[0\]\.mocks: /);
      expect(refused.err).toMatch(/other\.test\.json: workflow: no pushed workflow "Nobody"/);
      expect(refused.out).toBe('');
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('reports a refused key as the server words it, with exit code 2', async () => {
    process.env.MINIFLOW_API_KEY = 'mf_00000000000000000000000000000000000000';
    try {
      const refused = await miniflow('workflows', 'list');
      expect(refused.code).toBe(2);
      expect(refused.err).toBe('miniflow: API key not recognised\n');
    } finally {
      process.env.MINIFLOW_API_KEY = await keyFor(ws, 'editor');
    }
  });

  it('logs in once and then needs no environment, keeping the key readable by its owner only', async () => {
    const login = await miniflow('login', '--url', url);
    expect(login.code, login.err).toBe(0);
    const file = path.join(configHome, 'miniflow', 'login.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    delete process.env.MINIFLOW_URL;
    delete process.env.MINIFLOW_API_KEY;
    try {
      const listed = await miniflow('workflows', 'list', '--json');
      expect(listed.code, listed.err).toBe(0);
      expect(JSON.parse(listed.out)).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Greet' })]),
      );
    } finally {
      process.env.MINIFLOW_URL = url;
      process.env.MINIFLOW_API_KEY = await keyFor(ws, 'editor');
    }
  });

  it('says what to set when there is no server to talk to', async () => {
    const env = { url: process.env.MINIFLOW_URL, home: process.env.XDG_CONFIG_HOME };
    delete process.env.MINIFLOW_URL;
    process.env.XDG_CONFIG_HOME = path.join(configHome, 'empty');
    try {
      const answer = await miniflow('workflows', 'list');
      expect(answer.code).toBe(2);
      expect(answer.err).toMatch(/MINIFLOW_URL is not set/);
    } finally {
      process.env.MINIFLOW_URL = env.url;
      process.env.XDG_CONFIG_HOME = env.home;
    }
  });

  it('api-key create makes a working key on the server’s database and prints it once', async () => {
    const made = await miniflow(
      'api-key',
      'create',
      '--workspace',
      ws.slug,
      '--role',
      'viewer',
      '--name',
      'ci',
      '--expires-in',
      '30d',
    );
    expect(made.code, made.err).toBe(0);
    const key = made.out.trim();
    expect(key).toMatch(/^mf_[0-9A-Za-z]{38}$/);
    expect(made.err).toMatch(/shown only this once/);
    expect((await rest('GET', '/workflows', { key })).status).toBe(200);
    expect((await rest('POST', '/workflows', { key, body: { name: 'No' } })).status).toBe(403);
    const row = await db.apiKey.findFirstOrThrow({
      where: { workspaceId: ws.workspaceId, name: 'ci' },
    });
    expect(row.createdById).toBeNull();
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const bad = await miniflow(
      'api-key',
      'create',
      '--workspace',
      ws.slug,
      '--role',
      'owner',
      '--name',
      'x',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--role: must be admin, editor, operator or viewer/);
    const nowhere = await miniflow(
      'api-key',
      'create',
      '--workspace',
      'nope',
      '--role',
      'viewer',
      '--name',
      'x',
    );
    expect(nowhere.err).toMatch(/--workspace: no workspace "nope"/);
  });
});
