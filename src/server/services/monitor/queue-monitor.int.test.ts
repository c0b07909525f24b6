import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { enqueue, TASKS } from '@/server/runtime/queue';
import { readQueueMonitor } from './get-queue-monitor';
import { insertFinishedRuns, workspaceWithWorkflow } from '@/test/monitor-test-kit';
import { refreshRollups } from './refresh-rollups';

async function activeRun(
  ws: { workspaceId: string; workflowId: string; versionId: string },
  id: string,
  status: 'queued' | 'running' | 'waiting',
  priority = 0,
) {
  await db.run.create({
    data: {
      id,
      workspaceId: ws.workspaceId,
      workflowId: ws.workflowId,
      versionId: ws.versionId,
      status,
      trigger: 'api',
      input: {},
      priority,
      createdAt: new Date(Date.now() - 60_000),
      ...(status === 'queued' ? {} : { startedAt: new Date() }),
    },
  });
}

describe('queue monitor', () => {
  it('counts runs, step jobs, waits, workers and limits of this workspace only', async () => {
    const a = await workspaceWithWorkflow('Busy');
    const b = await workspaceWithWorkflow('Elsewhere');
    await db.workflow.update({ where: { id: a.workflowId }, data: { concurrencyLimit: 2 } });
    await activeRun(a, 'qa-1', 'queued', 5);
    await activeRun(a, 'qa-2', 'queued', 5);
    await activeRun(a, 'qa-3', 'running');
    await activeRun(a, 'qa-4', 'waiting');
    await activeRun(b, 'qb-1', 'running');
    await db.stepRun.create({
      data: {
        workspaceId: a.workspaceId,
        runId: 'qa-4',
        nodeId: 'call',
        attempt: 1,
        status: 'waiting',
        startedAt: new Date(),
      },
    });
    await enqueue(db, [
      { task: TASKS.step, payload: { runId: 'qa-3', nodeId: 'call', attempt: 1 } },
      { task: TASKS.step, payload: { runId: 'qa-3', nodeId: 'other', attempt: 1 } },
      {
        task: TASKS.step,
        payload: { runId: 'qa-3', nodeId: 'later', attempt: 2 },
        runAt: new Date(Date.now() + 600_000),
      },
      { task: TASKS.step, payload: { runId: 'qb-1', nodeId: 'call', attempt: 1 } },
    ]);
    // A worker holds one job of each workspace.
    await db.$executeRawUnsafe(
      `UPDATE graphile_worker._private_jobs SET locked_by = 'pool-1', locked_at = now()
       WHERE payload->>'nodeId' = 'other' OR payload->>'runId' = 'qb-1'`,
    );
    await db.workerHeartbeat.create({
      data: {
        id: 'worker-test',
        hostname: 'host-a',
        pid: 42,
        version: '1.2.3',
        concurrency: 8,
        lockIds: ['pool-1'],
        runningJobs: 2,
      },
    });

    const queue = await readQueueMonitor(db, a.workspaceId, new Date());
    expect(queue.totals).toEqual({
      queuedRuns: 2,
      runningRuns: 1,
      waitingRuns: 1,
      readySteps: 1,
      runningSteps: 1,
      waitingSteps: 2,
    });
    expect(queue.runs).toContainEqual(
      expect.objectContaining({ workflowName: 'Busy', priority: 5, status: 'queued', runs: 2 }),
    );
    expect(queue.steps.map((s) => [s.state, s.steps]).sort()).toEqual([
      ['ready', 1],
      ['running', 1],
      ['scheduled', 1],
      ['waiting', 1],
    ]);
    expect(queue.oldestReadyJobAgeMs).toBeGreaterThanOrEqual(0);
    expect(queue.oldestQueuedRunAgeMs).toBeGreaterThanOrEqual(59_000);
    expect(queue.workers).toEqual([
      expect.objectContaining({
        id: 'worker-test',
        version: '1.2.3',
        concurrency: 8,
        runningJobs: 2,
        jobs: [expect.objectContaining({ runId: 'qa-3', nodeId: 'other', task: 'mf_step' })],
        alive: true,
      }),
    ]);
    expect(queue.concurrency).toEqual([
      expect.objectContaining({ name: 'Busy', limit: 2, policy: 'queue', active: 2, queued: 2 }),
    ]);

    const other = await readQueueMonitor(db, b.workspaceId, new Date());
    expect(other.totals).toMatchObject({ queuedRuns: 0, runningRuns: 1, runningSteps: 1 });
    expect(other.concurrency).toEqual([]);
  });

  it('reports the last hour of throughput per minute from the rollups', async () => {
    const a = await workspaceWithWorkflow();
    await insertFinishedRuns({ ...a, count: 600, spanMs: 30 * 60_000, tag: 'tp' });
    await refreshRollups(db, { rebuild: true });
    const queue = await readQueueMonitor(db, a.workspaceId, new Date());
    expect(queue.throughput.points).toHaveLength(60);
    const runs = queue.throughput.points.reduce((sum, p) => sum + p.runsPerSecond * 60, 0);
    const steps = queue.throughput.points.reduce((sum, p) => sum + p.stepsPerSecond * 60, 0);
    expect(Math.round(runs)).toBe(600);
    // Cancelled runs (every 37th) have no step record.
    expect(Math.round(steps)).toBe(600 - Math.floor(600 / 37) + Math.floor(600 / 370));
  });
});
