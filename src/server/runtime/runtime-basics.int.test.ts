import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import {
  edge,
  node,
  ownerActor,
  publish,
  startRun,
  waitForRun,
  withWorker,
} from '@/test/runtime-fixtures';

describe('durable runtime', () => {
  it('runs a diamond of pure steps inline, in the trigger transaction', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Diamond',
      nodes: [
        node('start', 'manual'),
        node('check', 'if', { condition: 'input.amount > 100' }),
        node('big', 'set', { values: { size: 'big', amount: '{{ input.amount }}' } }),
        node('small', 'set', { values: { size: 'small' } }),
        node('join', 'merge', { mode: 'all' }),
      ],
      edges: [
        edge('start', 'check'),
        edge('check', 'big', 'true'),
        edge('check', 'small', 'false'),
        edge('big', 'join'),
        edge('small', 'join'),
      ],
    });
    const started = await startRun(actor, workflowId, { amount: 250 });
    expect(started.status).toBe('succeeded');
    const run = await db.run.findUniqueOrThrow({
      where: { id: started.runId },
      include: { steps: true },
    });
    expect(run.output).toEqual({ join: { big: { size: 'big', amount: 250 } } });
    const steps = Object.fromEntries(run.steps.map((s) => [s.nodeId, s.status]));
    expect(steps).toMatchObject({
      start: 'succeeded',
      check: 'succeeded',
      big: 'succeeded',
      join: 'succeeded',
    });
    expect(steps.small).toBeUndefined();
  });

  it('hands non-inline steps to a worker and records each attempt', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'With code',
      nodes: [
        node('start', 'manual'),
        node('double', 'code', { code: 'return input.n * 2;' }),
        node('done', 'set', { values: { result: '{{ steps.double }}' } }),
      ],
      edges: [edge('start', 'double'), edge('double', 'done')],
    });
    const started = await startRun(actor, workflowId, { n: 21 });
    expect(started.status).toBe('running');
    await withWorker(async () => {
      const run = await waitForRun(started.runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ done: { result: 42 } });
    });
    const steps = await db.stepRun.findMany({
      where: { runId: started.runId },
      orderBy: { nodeId: 'asc' },
    });
    expect(steps.map((s) => [s.nodeId, s.attempt, s.status])).toEqual([
      ['done', 1, 'succeeded'],
      ['double', 1, 'succeeded'],
      ['start', 1, 'succeeded'],
    ]);
  });
});
