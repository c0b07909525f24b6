import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { createCredential } from '@/server/services/credentials/save-credential';
import type { Actor } from '@/server/services/actor';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';
import { startTestServer, type TestServer } from '@/test/test-http-server';
import { STEP_INPUT_MAX_CHARS } from './step-capture';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';
const SECRET = 'hunter2-very-secret-value';

let server: TestServer;
let actor: Actor;

beforeAll(async () => {
  // Echoes the body it was sent, so a secret sent upstream comes back in the output.
  server = await startTestServer((_path, _nth, body) => ({ body: { echo: body } }));
  actor = await ownerActor();
  await createCredential(db, actor, { name: 'api_token', type: 'secret', data: { value: SECRET } });
});
afterAll(() => server.close());

const stepsOf = (runId: string) =>
  db.stepRun.findMany({ where: { runId }, orderBy: [{ nodeId: 'asc' }, { attempt: 'asc' }] });

/** Everything a run stored, as text: the run row and its step rows. */
async function storedText(runId: string) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  return JSON.stringify([run, await stepsOf(runId)]);
}

describe('step records', () => {
  it('keep the resolved params and the logs of inline steps, secrets masked', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Inline records',
      nodes: [
        node('start', 'manual'),
        node('say', 'log', {
          level: 'warn',
          message: 'Hello {{ input.name }} {{ $secret("api_token") }}',
        }),
        node('keep', 'set', {
          values: { who: '{{ input.name }}', token: '{{ $secret("api_token") }}' },
        }),
      ],
      edges: [edge('start', 'say'), edge('say', 'keep')],
    });
    const { runId, status } = await startRun(actor, workflowId, { name: 'Ada' });
    expect(status).toBe('succeeded');
    const steps = Object.fromEntries((await stepsOf(runId)).map((s) => [s.nodeId, s]));
    expect(steps.say!.input).toEqual({ level: 'warn', message: 'Hello Ada ••••[credentials]' });
    expect(steps.say!.logs).toEqual([
      expect.objectContaining({ level: 'warn', message: 'Hello Ada ••••[credentials]' }),
    ]);
    expect(steps.keep!.input).toEqual({ values: { who: 'Ada', token: '••••[credentials]' } });
    expect(steps.keep!.output).toEqual({ who: 'Ada', token: '••••[credentials]' });
    expect(await storedText(runId)).not.toContain(SECRET);
  });

  it('keep them for steps run by a worker, secrets masked in input and output', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Worker records',
      nodes: [
        node('start', 'manual'),
        node('call', 'http', {
          url: `${server.url}/echo`,
          method: 'POST',
          headers: { authorization: 'Bearer {{ $secret("api_token") }}' },
          body: { token: '{{ $secret("api_token") }}', n: '{{ input.n }}' },
        }),
      ],
      edges: [edge('start', 'call')],
    });
    await withWorker(async () => {
      const { runId } = await startRun(actor, workflowId, { n: 7 });
      expect((await waitForRun(runId)).status).toBe('succeeded');
      const call = (await stepsOf(runId)).find((s) => s.nodeId === 'call')!;
      expect(call.input).toMatchObject({
        headers: { authorization: 'Bearer ••••[credentials]' },
        body: { token: '••••[credentials]', n: 7 },
      });
      expect(JSON.stringify(call.output)).toContain('••••[credentials]');
      expect(await storedText(runId)).not.toContain(SECRET);
    });
  });

  it('keep where in its code a code step threw', async () => {
    const { workflowId } = await publish(actor, {
      name: 'Code stack',
      nodes: [
        node('start', 'manual'),
        node('crash', 'code', {
          code: 'const n = input.n;\nfunction explode() { throw new TypeError("bad " + n); }\nreturn explode();',
        }),
      ],
      edges: [edge('start', 'crash')],
    });
    await withWorker(async () => {
      const { runId } = await startRun(actor, workflowId, { n: 3 });
      expect((await waitForRun(runId)).status).toBe('failed');
      const crash = (await stepsOf(runId)).find((s) => s.nodeId === 'crash')!;
      expect(crash.error).toMatchObject({
        message: 'Code step threw: TypeError: bad 3',
        details: {
          stack: expect.stringMatching(/^TypeError: bad 3\n\s+at explode \(code:2:\d+\)/),
        },
      });
    });
  });

  it('keep the input of a waiting step once its timer fired, and cap a huge input', async () => {
    const big = 'x'.repeat(STEP_INPUT_MAX_CHARS + 10);
    const { workflowId } = await publish(actor, {
      name: 'Delay records',
      nodes: [
        node('start', 'manual'),
        node('wait', 'delay', { ms: '{{ input.ms }}' }),
        node('huge', 'set', { values: { big: '{{ input.big }}' } }),
      ],
      edges: [edge('start', 'wait'), edge('wait', 'huge')],
    });
    await withWorker(async () => {
      const { runId } = await startRun(actor, workflowId, { ms: 50, big });
      expect((await waitForRun(runId)).status).toBe('succeeded');
      const steps = Object.fromEntries((await stepsOf(runId)).map((s) => [s.nodeId, s]));
      expect(steps.wait).toMatchObject({ status: 'succeeded', input: { ms: 50 } });
      expect(steps.huge!.input).toMatchObject({ truncated: true });
      expect(JSON.stringify(steps.huge!.input).length).toBeLessThan(STEP_INPUT_MAX_CHARS + 200);
    });
  });
});
