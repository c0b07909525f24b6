import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { pruneRunData } from './prune-run-data';

afterAll(closeRunListener);

const DAY = 86_400_000;
// The injected clock: pruning judges ages from this instant, not the machine's.
const NOW = new Date();

async function finishedRuns(ageDays: number[], retentionDays?: number) {
  const actor = await ownerActor();
  if (retentionDays !== undefined) {
    await db.workspace.update({ where: { id: actor.workspaceId }, data: { retentionDays } });
  }
  const { workflowId } = await publish(actor, {
    name: 'Pure',
    nodes: [node('start', 'manual'), node('tag', 'set', { values: { ok: true } })],
    edges: [{ from: 'start', to: 'tag' }],
  });
  const ids: string[] = [];
  for (const age of ageDays) {
    const { runId } = await startRun(actor, workflowId);
    const at = new Date(NOW.getTime() - age * DAY);
    await db.run.update({
      where: { id: runId },
      data: { createdAt: at, startedAt: at, finishedAt: at },
    });
    await db.stepRun.updateMany({ where: { runId }, data: { startedAt: at, finishedAt: at } });
    ids.push(runId);
  }
  return { actor, workflowId, ids };
}

const rolledUpRuns = async (workflowId: string) =>
  (
    await db.runRollup.aggregate({
      where: { workflowId, grain: 'hour' },
      _sum: { runs: true },
    })
  )._sum.runs ?? 0;

describe('retention', () => {
  it('deletes finished runs and their step records past the retention, keeping the aggregates', async () => {
    const { workflowId, ids } = await finishedRuns([45, 31, 29, 1]);
    const kept = await finishedRuns([45], 60);
    await pruneRunData(db, { now: NOW });
    const left = await db.run.findMany({ where: { workflowId }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([ids[2], ids[3]].sort());
    expect(await db.stepRun.count({ where: { runId: { in: [ids[0]!, ids[1]!] } } })).toBe(0);
    expect(await db.run.count({ where: { id: kept.ids[0] } })).toBe(1);
    expect(await rolledUpRuns(workflowId)).toBe(4);
  });

  it('judges age by the injected clock', async () => {
    const { workflowId } = await finishedRuns([10]);
    await pruneRunData(db, { now: NOW });
    expect(await db.run.count({ where: { workflowId } })).toBe(1);
    await pruneRunData(db, { now: new Date(NOW.getTime() + 25 * DAY) });
    expect(await db.run.count({ where: { workflowId } })).toBe(0);
  });

  it('deletes in small batches, leaving the rest for the next call', async () => {
    const { workflowId } = await finishedRuns([40, 41, 42, 43, 44], 30);
    // Other tests' expired runs may be taken first: count only this workflow's.
    let calls = 0;
    while ((await db.run.count({ where: { workflowId } })) > 0 && calls < 20) {
      const outcome = await pruneRunData(db, { now: NOW, batchSize: 2, maxBatches: 1 });
      expect(outcome.runs).toBeLessThanOrEqual(2);
      calls++;
    }
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(await db.run.count({ where: { workflowId } })).toBe(0);
  });

  it('prunes schedule fires past the retention', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Ticks',
      nodes: [node('tick', 'cron', { expression: '0 3 * * *', timezone: 'UTC' })],
      edges: [],
    });
    const schedule = await db.schedule.findFirstOrThrow({ where: { workflowId } });
    await db.scheduleFire.createMany({
      data: [40, 2].map((age) => ({
        scheduleId: schedule.id,
        fireAt: new Date(NOW.getTime() - age * DAY),
      })),
    });
    await pruneRunData(db, { now: NOW });
    const fires = await db.scheduleFire.findMany({ where: { scheduleId: schedule.id } });
    expect(fires.map((f) => Math.round((NOW.getTime() - f.fireAt.getTime()) / DAY))).toEqual([2]);
  });

  it('never deletes a run that has not finished', async () => {
    const { workflowId, ids } = await finishedRuns([50]);
    await db.run.update({ where: { id: ids[0] }, data: { status: 'running' } });
    await pruneRunData(db, { now: NOW });
    expect(await db.run.count({ where: { workflowId } })).toBe(1);
  });
});
