import { type TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { callerFor, createMember, createWorkspace } from '@/test/fixtures';
import { edge, node, waitForRun, withWorker } from '@/test/runtime-fixtures';

afterAll(closeRunListener);

/** A manual trigger, an HTTP call (mocked in tests) and a branch on its answer. */
const definition = {
  schemaVersion: 1,
  name: 'Tiers',
  nodes: [
    node('start', 'manual'),
    node('fetch', 'http', { url: 'https://api.example.com/orders/{{ input.id }}' }),
    node('big', 'if', { condition: 'steps.fetch.body.total > 100' }),
    node('bigTier', 'set', { values: { tier: 'big' } }),
    node('smallTier', 'set', { values: { tier: 'small' } }),
  ],
  edges: [
    edge('start', 'fetch'),
    edge('fetch', 'big'),
    edge('big', 'bigTier', 'true'),
    edge('big', 'smallTier', 'false'),
  ],
};

const bigCase = (tier: string, name = 'big orders') => ({
  name,
  input: { id: 1 },
  mocks: { fetch: { output: { status: 200, body: { total: 500 } } } },
  expect: { status: 'succeeded', steps: { bigTier: { output: { tier } } } },
});

async function setup() {
  const ws = await createWorkspace();
  const editor = callerFor((await createMember(ws.id, 'editor')).id, ws.slug);
  const operator = callerFor((await createMember(ws.id, 'operator')).id, ws.slug);
  const wf = await editor.workflow.create({ name: `Tiers ${Math.random()}` });
  await editor.workflow.saveDraft({ id: wf.id, definition, revision: 0 });
  return { ws, editor, operator, wf };
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as TRPCError,
  );

describe('test cases', () => {
  it('are created, listed, renamed and deleted; bad cases are refused with their paths', async () => {
    const { editor, wf } = await setup();
    const created = await editor.test.create({ workflowId: wf.id, testCase: bigCase('big') });
    expect(created.name).toBe('big orders');
    const twice = await errorOf(
      editor.test.create({ workflowId: wf.id, testCase: bigCase('big') }),
    );
    expect(twice?.code).toBe('CONFLICT');
    const bad = await errorOf(
      editor.test.create({
        workflowId: wf.id,
        testCase: {
          name: 'x',
          mocks: { fetch: { output: 1, error: 'e' } },
          expect: { status: 'done' },
        },
      }),
    );
    expect(bad?.code).toBe('BAD_REQUEST');
    expect(bad?.message).toContain('testCase.mocks.fetch: A mock needs exactly one of');
    expect(bad?.message).toContain('testCase.expect.status:');

    await editor.test.update({ id: created.id, testCase: bigCase('big', 'renamed') });
    expect((await editor.test.list({ workflowId: wf.id })).map((c) => c.name)).toEqual(['renamed']);
    await editor.test.delete({ id: created.id });
    expect(await editor.test.list({ workflowId: wf.id })).toEqual([]);
  });

  it('run against the draft with mocks, keep their last result, and never create runs', async () => {
    const { ws, editor, operator, wf } = await setup();
    await editor.test.create({ workflowId: wf.id, testCase: bigCase('big', 'passes') });
    await editor.test.create({ workflowId: wf.id, testCase: bigCase('huge', 'fails') });
    await editor.test.create({
      workflowId: wf.id,
      testCase: { name: 'unmocked', expect: { status: 'succeeded' } },
    });
    const jobsBefore = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker._private_jobs`;

    const result = await operator.test.run({ workflowId: wf.id });
    expect(result.passed).toBe(1);
    expect(result.failed).toBe(2);
    const byName = Object.fromEntries(result.cases.map((c) => [c.name, c]));
    expect(byName.fails?.failures[0]).toMatchObject({
      path: 'steps.bigTier.output.tier',
      expected: 'huge',
      actual: 'big',
    });
    expect(byName.unmocked?.failures[0]).toEqual({
      path: 'mocks.fetch',
      message: 'step fetch is not mocked',
    });
    expect(result.coverage.items.filter((i) => !i.covered).map((i) => i.id)).toEqual([
      'smallTier',
      'big:false',
      'big:false->smallTier',
    ]);

    const listed = await editor.test.list({ workflowId: wf.id });
    expect(listed.map((c) => [c.name, (c.lastResult as { passed: boolean }).passed])).toEqual([
      ['fails', false],
      ['passes', true],
      ['unmocked', false],
    ]);
    expect(await db.run.count({ where: { workspaceId: ws.id } })).toBe(0);
    const jobsAfter = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker._private_jobs`;
    expect(jobsAfter[0]?.n).toBe(jobsBefore[0]?.n);

    const viewer = callerFor((await createMember(ws.id, 'viewer')).id, ws.slug);
    expect((await errorOf(viewer.test.run({ workflowId: wf.id })))?.code).toBe('FORBIDDEN');
  });
});

describe('test files', () => {
  it('import into a workflow, replacing cases by name; a bad file is refused with paths', async () => {
    const { editor, wf } = await setup();
    const kept = await editor.test.create({
      workflowId: wf.id,
      testCase: bigCase('huge', 'big orders'),
    });
    await editor.test.run({ workflowId: wf.id });
    const file = {
      schemaVersion: 1,
      workflow: 'Tiers',
      cases: [bigCase('big'), bigCase('big', 'another')],
    };
    expect(await editor.test.import({ workflowId: wf.id, file })).toEqual({
      created: 1,
      updated: 1,
    });
    const listed = await editor.test.list({ workflowId: wf.id });
    expect(listed.map((c) => [c.name, c.lastResult])).toEqual([
      ['another', null],
      ['big orders', null],
    ]);
    expect(listed.find((c) => c.name === 'big orders')?.id).toBe(kept.id);
    expect(listed[1]?.definition).toEqual(bigCase('big'));

    const bad = await errorOf(
      editor.test.import({
        workflowId: wf.id,
        file: { schemaVersion: 1, workflow: 'Tiers', cases: [{}] },
      }),
    );
    expect(bad?.code).toBe('BAD_REQUEST');
    expect(bad?.message).toMatch(/^file\.cases\[0\]\.name: /);
  });
});

describe('the publish gate', () => {
  it('refuses to publish with a failing case listed, and keeps results with each version', async () => {
    const { editor, wf } = await setup();
    await editor.test.create({ workflowId: wf.id, testCase: bigCase('big', 'passes') });
    const failing = await editor.test.create({
      workflowId: wf.id,
      testCase: bigCase('huge', 'fails'),
    });

    // Gate off: publishing goes ahead, and the version records how the tests went.
    await editor.workflow.publish({ id: wf.id, message: 'v1' });
    await editor.workflow.updateSettings({ id: wf.id, requireTestsToPublish: true });
    const refused = await errorOf(editor.workflow.publish({ id: wf.id, message: 'v2' }));
    expect(refused?.code).toBe('BAD_REQUEST');
    expect(refused?.message).toBe(
      'Cannot publish: 1 of 2 tests failed: "fails" (steps.bigTier.output.tier: not equal)',
    );

    await editor.test.update({ id: failing.id, testCase: bigCase('big', 'fails') });
    await editor.workflow.updateSettings({ id: wf.id, minTestCoverage: 90 });
    const short = await errorOf(editor.workflow.publish({ id: wf.id, message: 'v2' }));
    expect(short?.message).toBe('Cannot publish: test coverage is 72.7%, below the required 90%');

    await editor.workflow.updateSettings({ id: wf.id, minTestCoverage: 70 });
    await editor.workflow.publish({ id: wf.id, message: 'v2' });
    const versions = await editor.workflow.versions({ id: wf.id });
    expect(versions.map((v) => [v.number, v.testResults])).toEqual([
      [
        2,
        expect.objectContaining({
          passed: 2,
          failed: 0,
          coverage: 72.7,
          required: true,
          cases: [
            { name: 'fails', passed: true },
            { name: 'passes', passed: true },
          ],
        }),
      ],
      [
        1,
        expect.objectContaining({
          passed: 1,
          failed: 1,
          required: false,
          cases: [
            { name: 'fails', passed: false, failure: 'steps.bigTier.output.tier: not equal' },
            { name: 'passes', passed: true },
          ],
        }),
      ],
    ]);
  });

  it('refuses a workflow that requires tests and has none', async () => {
    const { editor, wf } = await setup();
    await editor.workflow.updateSettings({ id: wf.id, requireTestsToPublish: true });
    const refused = await errorOf(editor.workflow.publish({ id: wf.id }));
    expect(refused?.message).toBe(
      'Cannot publish: this workflow requires passing tests and has none',
    );
  });
});

describe('a test from a run', () => {
  it('takes the run’s input, start time and output', async () => {
    const { ws, editor, operator, wf } = await setup();
    const pure = {
      ...definition,
      nodes: [
        node('start', 'manual'),
        node('double', 'set', { values: { twice: '{{ input.n * 2 }}' } }),
      ],
      edges: [edge('start', 'double')],
    };
    await editor.workflow.saveDraft({ id: wf.id, definition: pure, revision: 1 });
    await editor.workflow.publish({ id: wf.id });
    const { runId } = await operator.run.start({ workflowId: wf.id, input: { n: 21 } });
    const run = { id: runId };
    const created = await editor.test.fromRun({ runId: run.id });
    const stored = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(created.definition).toEqual({
      name: `From run ${run.id.slice(-8)}`,
      input: { n: 21 },
      now: stored.createdAt.toISOString(),
      expect: { status: 'succeeded', output: stored.output },
    });
    const again = await editor.test.fromRun({ runId: run.id });
    expect(again.name).toBe(`From run ${run.id.slice(-8)} (2)`);
    const result = await operator.test.run({ workflowId: wf.id });
    expect(result.failed).toBe(0);
    expect(await db.run.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it('mocks the run’s I/O steps with what they answered', async () => {
    const { editor, operator, wf } = await setup();
    // The network guard refuses loopback: the call fails at once, without leaving the host.
    const calling = {
      ...definition,
      nodes: [node('start', 'manual'), node('fetch', 'http', { url: 'http://127.0.0.1:9/x' })],
      edges: [edge('start', 'fetch')],
    };
    await editor.workflow.saveDraft({ id: wf.id, definition: calling, revision: 1 });
    await editor.workflow.publish({ id: wf.id });
    const { runId } = await operator.run.start({ workflowId: wf.id, input: {} });
    const run = await withWorker(() => waitForRun(runId));
    expect(run.status).toBe('failed');
    const created = await editor.test.fromRun({ runId, name: 'refused call' });
    const testCase = created.definition as { mocks: { fetch: { error: string } }; expect: unknown };
    expect(testCase.mocks.fetch.error).toMatch(/^Refused to connect to 127\.0\.0\.1:9/);
    expect((run.error as { message: string }).message).toContain(testCase.mocks.fetch.error);
    expect(testCase.expect).toEqual({ status: 'failed' });
    const result = await operator.test.run({ workflowId: wf.id });
    expect(result.cases[0]?.failures).toEqual([]);
  });
});
