import { beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import type { Actor } from '@/server/services/actor';
import { listRunsQuery } from '@/server/services/runs/list-runs';
import { listRunsInput } from '@/server/services/runs/run-inputs';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

let actor: Actor;
let workflowId: string;
const RUNS = 40_000;

function flatten(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(flatten)];
}

async function planOf(input: Record<string, unknown>): Promise<PlanNode[]> {
  const query = listRunsQuery(actor.workspaceId, listRunsInput.parse(input));
  const rows = await db.$queryRaw<{ 'QUERY PLAN': unknown }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`,
  );
  const raw = rows[0]!['QUERY PLAN'];
  const json = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return flatten(json[0]!.Plan);
}

beforeAll(async () => {
  actor = await ownerActor();
  const other = await ownerActor();
  const def = { name: 'Plan', nodes: [node('start', 'manual')], edges: [] };
  workflowId = (await publish(actor, def)).workflowId;
  const second = (await publish(actor, { ...def, name: 'Plan 2' })).workflowId;
  const foreign = (await publish(other, { ...def, name: 'Plan 3' })).workflowId;
  // Runs spread over two workflows, every status and three triggers, plus another
  // workspace's: enough rows that a sequential scan or a sort would show in the plan.
  await db.$executeRaw`
    INSERT INTO "Run" (id, "workspaceId", "workflowId", "versionId", status, trigger, input, "createdAt")
    SELECT 'plan-' || g, w."workspaceId", w.id, w."publishedVersionId",
           (ARRAY['succeeded','failed','running','waiting','queued','cancelled'])[1 + g % 6]::"RunStatus",
           (ARRAY['manual','webhook','cron'])[1 + g % 3]::"TriggerType",
           '{}'::jsonb, timestamp '2026-01-01' + g * interval '1 second'
    FROM generate_series(1, ${RUNS}) AS g
    JOIN "Workflow" w ON w.id = (ARRAY[${workflowId}, ${second}, ${foreign}])[1 + g % 3]`;
  await db.$executeRaw`ANALYZE "Run"`;
}, 60_000);

const later = (ms: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + ms).toISOString();

describe('the runs page query plan', () => {
  it.each([
    ['first page', {}],
    ['a later page', { cursor: 'plan-20000' }],
    ['by workflow', { workflowId: 'WF' }],
    ['by workflow, later page', { workflowId: 'WF', cursor: 'plan-20000' }],
    ['by status', { status: 'failed' }],
    ['by trigger', { trigger: 'cron' }],
    ['by workflow and status', { workflowId: 'WF', status: 'succeeded' }],
    ['by time range', { from: later(3_600_000), to: later(7_200_000) }],
    ['by status and time range', { status: 'running', from: later(3_600_000) }],
  ])('%s: an index scan in order, no sequential scan or sort', async (_name, filter) => {
    const input = { ...filter, ...('workflowId' in filter ? { workflowId } : {}) };
    const nodes = await planOf(input);
    const types = nodes.map((n) => n['Node Type']);
    expect(types).not.toContain('Sort');
    expect(types).not.toContain('Incremental Sort');
    const runScans = nodes.filter((n) => n['Relation Name'] === 'Run');
    expect(runScans.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(runScans.map((n) => n['Node Type'])).not.toContain('Bitmap Heap Scan');
    const pageScan = runScans.find((n) => n['Index Name']?.startsWith('Run_workspaceId'));
    expect(pageScan?.['Node Type']).toMatch(/^Index (Only )?Scan$/);
  });

  it('by run id: the primary key', async () => {
    const nodes = await planOf({ q: 'plan-123' });
    expect(nodes.some((n) => n['Index Name'] === 'Run_pkey')).toBe(true);
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  });
});
