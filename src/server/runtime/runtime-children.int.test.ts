import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
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
import { maxOverlap } from '@/test/runtime-waits';
import { startTestServer, type TestServer } from '@/test/test-http-server';

process.env.MINIFLOW_ALLOW_PRIVATE_NETWORK = 'true';

let server: TestServer;
let actor: Actor;
let item: string;
let picky: string;

beforeAll(async () => {
  // /item/<n> answers after (7 - n) * 80 ms: later items finish first.
  server = await startTestServer((path) => ({
    delayMs: (7 - Number(path.split('/')[2])) * 80,
  }));
  actor = await ownerActor();
  // The child: calls the server for its item (the work happens outside the database, where
  // concurrency can be observed), then outputs the item.
  ({ workflowId: item } = await publish(actor, {
    name: 'Item',
    nodes: [
      node('start', 'manual'),
      node('call', 'http', { url: `${server.url}/item/{{ input.n }}` }),
      node('out', 'set', { values: { n: '{{ input.n }}' } }),
    ],
    edges: [edge('start', 'call'), edge('call', 'out')],
  }));
  ({ workflowId: picky } = await publish(actor, {
    name: 'Picky',
    nodes: [
      node('start', 'manual'),
      node('check', 'code', {
        code: 'if (input.n === 2) throw new Error("item 2 is bad"); return input.n;',
      }),
    ],
    edges: [edge('start', 'check')],
  }));
});
afterAll(() => server.close());

function parent(name: string, step: ReturnType<typeof node>) {
  return publish(actor, {
    name,
    nodes: [node('start', 'manual'), step],
    edges: [edge('start', step.id)],
  });
}

describe('child runs', () => {
  it('forEach: one linked child per item, at most `concurrency` at once, outputs in item order', async () => {
    const { workflowId } = await parent(
      'Each',
      node('each', 'forEach', { items: 'input.items', workflowId: item, concurrency: 2 }),
    );
    const items = [1, 2, 3, 4, 5, 6].map((n) => ({ n }));
    const { runId, status } = await startRun(actor, workflowId, { items });
    expect(status).toBe('waiting');
    await withWorker(async () => {
      const run = await waitForRun(runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ each: items.map((i) => ({ out: i })) });
    });
    const children = await db.run.findMany({
      where: { parentRunId: runId },
      orderBy: { parentIndex: 'asc' },
    });
    expect(
      children.map((c) => [c.parentNodeId, c.parentIndex, c.trigger, c.input, c.status]),
    ).toEqual(items.map((input, i) => ['each', i, 'subworkflow', input, 'succeeded']));
    expect(children.every((c) => c.workflowId === item && c.parentAttempt === 1)).toBe(true);
    // Both from the outside (requests in flight) and from the runs' own timestamps.
    expect(server.maxInFlight()).toBe(2);
    expect(await maxOverlap({ parentRunId: runId })).toBe(2);
  });

  it('subWorkflow: the parent waits and outputs the child output', async () => {
    const { workflowId } = await parent(
      'Sub',
      node('sub', 'subWorkflow', { workflowId: item, input: '{{ input }}' }),
    );
    const { runId } = await startRun(actor, workflowId, { n: 5 });
    await withWorker(async () => {
      const run = await waitForRun(runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ sub: { out: { n: 5 } } });
    });
    const child = await db.run.findFirstOrThrow({ where: { parentRunId: runId } });
    expect(child).toMatchObject({
      parentNodeId: 'sub',
      parentIndex: 0,
      input: { n: 5 },
      status: 'succeeded',
    });
    expect(child.finishedAt!.getTime()).toBeLessThanOrEqual(
      (await db.run.findUniqueOrThrow({ where: { id: runId } })).finishedAt!.getTime(),
    );
  });

  it('a failing child fails the parent step, and the rest of its children stop', async () => {
    const sub = await parent(
      'Sub fails',
      node('sub', 'subWorkflow', { workflowId: picky, input: '{{ input }}' }),
    );
    const each = await parent(
      'Each fails',
      node('each', 'forEach', { items: 'input.items', workflowId: picky, concurrency: 1 }),
    );
    const one = await startRun(actor, sub.workflowId, { n: 2 });
    const many = await startRun(actor, each.workflowId, {
      items: [1, 2, 3, 4].map((n) => ({ n })),
    });
    await withWorker(async () => {
      for (const { runId } of [one, many]) {
        const run = await waitForRun(runId);
        expect(run.status).toBe('failed');
        expect(JSON.stringify(run.error)).toMatch(/item 2 is bad/);
      }
    });
    const step = await db.stepRun.findFirstOrThrow({
      where: { runId: one.runId, nodeId: 'sub' },
    });
    expect(step.status).toBe('failed');
    // Items run one at a time: item 3 and 4 never start once item 2 failed.
    const children = await db.run.findMany({
      where: { parentRunId: many.runId },
      orderBy: { parentIndex: 'asc' },
    });
    expect(children.map((c) => [c.parentIndex, c.status])).toEqual([
      [0, 'succeeded'],
      [1, 'failed'],
    ]);
  });
});
