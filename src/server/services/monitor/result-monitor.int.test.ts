import { describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { callerFor } from '@/test/fixtures';
import { edge, node, ownerActor, publish, startRun, waitForRun } from '@/test/runtime-fixtures';
import { MAX_RELATIVE_ERROR } from './duration-histogram';
import { readResultMonitor } from './get-result-monitor';
import {
  directFigures,
  insertFinishedRuns,
  tableReads,
  workspaceWithWorkflow,
} from '@/test/monitor-test-kit';
import { refreshRollups } from './refresh-rollups';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function expectClose(estimate: number | null, exact: number | null) {
  expect(estimate === null).toBe(exact === null);
  if (estimate === null || exact === null) return;
  expect(Math.abs(estimate / exact - 1)).toBeLessThanOrEqual(MAX_RELATIVE_ERROR + 1e-9);
}

async function dbNow(): Promise<Date> {
  const [row] = await db.$queryRawUnsafe<{ now: Date }[]>(`SELECT now() AT TIME ZONE 'UTC' AS now`);
  return row!.now;
}

describe('result monitor rollups', () => {
  it('match a direct computation over thousands of runs, per window, workflow and bucket', async () => {
    const a = await workspaceWithWorkflow('Orders');
    const b = await workspaceWithWorkflow('Invoices');
    // Generated history: 4,000 runs over 7 days, 1,500 in the last hour; another workspace
    // with runs of its own that must never show up in the first.
    await insertFinishedRuns({ ...a, count: 4_000, spanMs: 7 * DAY - HOUR, tag: 'a-week' });
    await insertFinishedRuns({ ...a, count: 1_500, spanMs: HOUR - 60_000, tag: 'a-hour' });
    await insertFinishedRuns({ ...b, count: 700, spanMs: DAY, tag: 'b-day' });
    expect(await refreshRollups(db, { rebuild: true })).toBe('refreshed');

    const now = await dbNow();
    for (const window of ['1h', '24h', '7d'] as const) {
      const result = await readResultMonitor(db, a.workspaceId, { window }, now);
      const direct = await directFigures(a.workspaceId, result.window.from);
      expect(direct.runs).toBeGreaterThan(window === '1h' ? 1_000 : 1_500);
      expect(result.overall).toMatchObject({
        runs: direct.runs,
        succeeded: direct.succeeded,
        failed: direct.failed,
        cancelled: direct.cancelled,
      });
      expect(result.overall.successRate).toBeCloseTo(
        direct.succeeded / (direct.succeeded + direct.failed),
        10,
      );
      expectClose(result.overall.p50, direct.p50);
      expectClose(result.overall.p95, direct.p95);
      expectClose(result.overall.p99, direct.p99);
      expect(result.series.reduce((sum, point) => sum + point.runs, 0)).toBe(direct.runs);
      expect(result.workflows).toEqual([
        expect.objectContaining({ workflowId: a.workflowId, name: 'Orders', runs: direct.runs }),
      ]);
      expect(result.topFailures).toEqual([
        expect.objectContaining({
          workflowId: a.workflowId,
          workflowName: 'Orders',
          nodeId: 'call',
          nodeType: 'http',
          message: 'Upstream answered 502',
          failures: direct.failed,
        }),
      ]);
    }

    // One bucket of the 24 h chart, against the raw runs of that hour.
    const day = await readResultMonitor(db, a.workspaceId, { window: '24h' }, now);
    const point = day.series[10]!;
    const inHour = await db.run.count({
      where: {
        workspaceId: a.workspaceId,
        finishedAt: { gte: point.bucket, lt: new Date(point.bucket.getTime() + HOUR) },
      },
    });
    expect(point.runs).toBe(inHour);

    const other = await readResultMonitor(db, b.workspaceId, { window: '7d' }, now);
    expect(other.overall.runs).toBe(700);
    expect(other.workflows.map((w) => w.name)).toEqual(['Invoices']);
  });

  it('counts runs that finish after a refresh, and late commits inside the trailing window', async () => {
    const a = await workspaceWithWorkflow();
    await insertFinishedRuns({ ...a, count: 1_000, spanMs: 2 * HOUR, endMsAgo: HOUR, tag: 'old' });
    await refreshRollups(db, { rebuild: true });
    const before = await readResultMonitor(db, a.workspaceId, { window: '24h' }, await dbNow());
    expect(before.overall.runs).toBe(1_000);

    // Finished after the watermark, and committed late with a finish time 2 minutes before it.
    await insertFinishedRuns({ ...a, count: 300, spanMs: 30_000, tag: 'new' });
    await insertFinishedRuns({ ...a, count: 40, spanMs: 1_000, endMsAgo: 120_000, tag: 'late' });
    expect(await refreshRollups(db)).toBe('refreshed');
    const now = await dbNow();
    const after = await readResultMonitor(db, a.workspaceId, { window: '24h' }, now);
    const direct = await directFigures(a.workspaceId, after.window.from);
    expect(after.overall.runs).toBe(1_340);
    expect(after.overall).toMatchObject({ succeeded: direct.succeeded, failed: direct.failed });
    expectClose(after.overall.p95, direct.p95);

    // Concurrent refreshes take turns under the advisory lock and count nothing twice.
    await insertFinishedRuns({ ...a, count: 60, spanMs: 5_000, tag: 'race' });
    await Promise.all([
      refreshRollups(db),
      refreshRollups(db),
      refreshRollups(db, { force: true }),
    ]);
    const raced = await readResultMonitor(db, a.workspaceId, { window: '24h' }, await dbNow());
    expect(raced.overall.runs).toBe(1_400);

    // Refreshing again with nothing new finished changes nothing.
    expect(await refreshRollups(db)).toBe('fresh');
    await refreshRollups(db, { force: true });
    const again = await readResultMonitor(db, a.workspaceId, { window: '24h' }, now);
    expect(again.overall).toEqual(raced.overall);
  });

  it('answers a page load from the rollups without reading the runs table', async () => {
    const a = await workspaceWithWorkflow();
    await insertFinishedRuns({ ...a, count: 2_000, spanMs: DAY, tag: 'plan' });
    await refreshRollups(db, { rebuild: true });
    const now = await dbNow();
    await db.$transaction(async (tx) => {
      // Counters may still hold this connection's earlier, unflushed transactions: compare.
      const runsBefore = await tableReads(tx, 'Run');
      const rollupsBefore = await tableReads(tx, 'RunRollup');
      const result = await readResultMonitor(tx, a.workspaceId, { window: '7d' }, now);
      expect(result.overall.runs).toBe(2_000);
      const runs = await tableReads(tx, 'Run');
      expect(runs.seqScans + runs.idxScans).toBe(runsBefore.seqScans + runsBefore.idxScans);
      const rollups = await tableReads(tx, 'RunRollup');
      const scans = (r: typeof rollups) => r.seqScans + r.idxScans;
      const tuples = (r: typeof rollups) => r.seqTuples + r.idxTuples;
      expect(scans(rollups)).toBeGreaterThan(scans(rollupsBefore));
      // Rows read grow with buckets and workflows, not with runs.
      expect(tuples(rollups) - tuples(rollupsBefore)).toBeLessThan(200);
    });
  });

  it('serves viewers through the monitor procedures and refuses a bad window by name', async () => {
    const a = await workspaceWithWorkflow();
    await insertFinishedRuns({ ...a, count: 50, spanMs: HOUR, tag: 'proc' });
    await refreshRollups(db, { rebuild: true });
    const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: a.workspaceId } });
    const caller = callerFor(a.actor.userId, slug);
    const results = await caller.monitor.results({ window: '24h' });
    expect(results.overall.runs).toBe(50);
    await expect(caller.monitor.results({ window: '24h', workflowId: 'nope' })).rejects.toThrow(
      /^workflowId: /,
    );
    await expect(caller.monitor.results({ window: '2d' as '1h' })).rejects.toThrow(/window/);
    const home = await caller.monitor.home();
    expect(home.health.workflows).toEqual([
      expect.objectContaining({ workflowId: a.workflowId, runs: 50, failed: 5 }),
    ]);
    expect(home.recentFailures).toHaveLength(5);
    expect(home.recentFailures[0]).toMatchObject({ message: 'Upstream answered 502' });
  });

  it('counts a real run, and its failed step, on the next read after it finished', async () => {
    const actor = await ownerActor();
    const { workflowId } = await publish(actor, {
      name: 'Guard',
      nodes: [node('start', 'manual'), node('stop', 'fail', { message: 'Not today' })],
      edges: [edge('start', 'stop')],
    });
    const { slug } = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    const caller = callerFor(actor.userId, slug);
    expect((await caller.monitor.results({ window: '1h' })).overall.runs).toBe(0);

    const { runId } = await startRun(actor, workflowId);
    await waitForRun(runId);
    const results = await caller.monitor.results({ window: '1h' });
    expect(results.overall).toMatchObject({ runs: 1, failed: 1, successRate: 0 });
    expect(results.topFailures).toEqual([
      expect.objectContaining({
        nodeId: 'stop',
        nodeType: 'fail',
        message: 'Not today',
        failures: 1,
        lastRunId: runId,
      }),
    ]);
  });
});
