import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNodeFinal, type RunState } from '@/engine';
import { seededRandom } from '@/engine/testing/memory-ports';
import { db } from '@/server/db';
import { webRuntime } from '@/server/runtime/web-runtime';
import type { Actor } from '@/server/services/actor';
import { cancelRun } from '@/server/services/runs/cancel-run';
import { edge, node, ownerActor, publish, startRun } from '@/test/runtime-fixtures';
import { waitUntil } from '@/test/runtime-waits';
import { spawnWorker, type WorkerProcess } from '@/test/spawn-worker';

/**
 * The run's state is the one source of where each step stands, and the attempt records
 * are history produced by the same `advance` calls: for every finished run, read in one
 * snapshot, each node's latest attempt record must say what the state says. Random
 * workflows of real step types (inline and queued, retries, step timeouts, durable delays,
 * error routes, child runs) run on worker processes that are killed along the way, and
 * some runs are cancelled by a user while they wait.
 */
type Rng = ReturnType<typeof seededRandom>;

let actor: Actor;
const workers: WorkerProcess[] = [];
const spawnOne = async () => {
  const worker = await spawnWorker({
    WORKER_CONCURRENCY: '4',
    WORKER_HEARTBEAT_MS: '300',
    WORKER_STALE_AFTER_MS: '2000',
  });
  workers.push(worker);
  return worker;
};

beforeAll(async () => {
  actor = await ownerActor();
});
afterAll(async () => {
  for (const worker of workers) await worker.kill('SIGKILL');
});

function randomNode(rng: Rng, id: string, childWorkflowId: string) {
  const onError = (['fail', 'continue', 'errorPort'] as const)[rng.int(3)];
  const retry =
    rng.next() < 0.4
      ? { retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 20 + rng.int(50) } }
      : {};
  switch (rng.int(8)) {
    case 0:
      return node(id, 'if', { condition: rng.next() < 0.5 ? 'true' : 'false' }, { onError });
    case 1:
      return node(id, 'code', { code: `return ${rng.int(100)};` }, { onError, ...retry });
    case 2:
      return node(id, 'code', { code: 'throw new Error("boom");' }, { onError, ...retry });
    case 3:
      // The engine's step timeout ends the attempt while a worker still runs it.
      return node(
        id,
        'code',
        { code: 'const end = Date.now() + 400; while (Date.now() < end) {} return 1;' },
        { onError, timeoutMs: 100, ...retry },
      );
    case 4:
      return node(id, 'delay', { ms: 50 + rng.int(400) }, { onError });
    case 5:
      return node(id, 'fail', { message: 'planned' }, { onError });
    case 6:
      return node(id, 'subWorkflow', { workflowId: childWorkflowId, input: {} }, { onError });
    default:
      return node(id, 'set', { values: { n: rng.int(10) } }, { onError });
  }
}

function randomWorkflow(rng: Rng, name: string, childWorkflowId: string) {
  const count = 2 + rng.int(7);
  const nodes = [node('n0', 'manual')];
  const edges: ReturnType<typeof edge>[] = [];
  for (let i = 1; i < count; i++) {
    const created = randomNode(rng, `n${i}`, childWorkflowId);
    nodes.push(created);
    let parent = nodes[rng.int(i)]!;
    const routesErrors = (parent as { onError?: string }).onError === 'errorPort';
    // A Fail step has no output port: only its error port leads on.
    if (parent.type === 'fail' && !routesErrors) parent = nodes[0]!;
    let port: string | undefined;
    if (parent.type === 'if') port = rng.next() < 0.5 ? 'true' : 'false';
    else if (routesErrors && (parent.type === 'fail' || rng.next() < 0.3)) port = 'error';
    edges.push(edge(parent.id, created.id, port));
  }
  return { name, nodes, edges };
}

interface Snapshot {
  status: string;
  state: RunState;
  attempts: { nodeId: string; attempt: number; status: string; output: unknown }[];
}

/** The run and its attempts in one REPEATABLE READ snapshot. */
async function snapshot(runId: string): Promise<Snapshot> {
  return db.$transaction(
    async (tx) => {
      const run = await tx.run.findUniqueOrThrow({
        where: { id: runId },
        select: { status: true, state: true },
      });
      const attempts = await tx.stepRun.findMany({
        where: { runId },
        select: { nodeId: true, attempt: true, status: true, output: true },
      });
      return { status: run.status, state: run.state as unknown as RunState, attempts };
    },
    { isolationLevel: 'RepeatableRead' },
  );
}

function disagreements({ status, state, attempts }: Snapshot): string[] {
  const problems: string[] = [];
  if (state.status !== status) problems.push(`run: column ${status}, state ${state.status}`);
  const byKey = new Map(attempts.map((a) => [`${a.nodeId}:${a.attempt}`, a]));
  for (const a of attempts) {
    if (a.status === 'waiting') problems.push(`${a.nodeId}#${a.attempt}: still waiting`);
  }
  for (const n of state.nodes) {
    if (!isNodeFinal(n.status)) problems.push(`${n.id}: ${n.status} in a finished run`);
    for (let attempt = 1; attempt <= n.attempts; attempt++) {
      if (!byKey.has(`${n.id}:${attempt}`)) problems.push(`${n.id}#${attempt}: no record`);
    }
    const latest = byKey.get(`${n.id}:${n.attempts}`);
    if (n.attempts > 0 && latest && latest.status !== n.status) {
      problems.push(`${n.id}#${n.attempts}: record ${latest.status}, state ${n.status}`);
    }
    if (n.status === 'succeeded' && latest && n.output !== undefined) {
      if (JSON.stringify(latest.output) !== JSON.stringify(n.output)) {
        problems.push(`${n.id}#${n.attempts}: record output differs from the state's`);
      }
    }
  }
  return problems;
}

describe('one source of truth for runs', () => {
  it('every finished run’s attempt records agree with its state, through worker kills', async () => {
    const rng = seededRandom(20261207);
    const child = await publish(actor, {
      name: 'Truth child',
      nodes: [
        node('start', 'manual'),
        node('work', 'code', { code: 'return 1;' }),
        node('pause', 'delay', { ms: 100 }),
      ],
      edges: [edge('start', 'work'), edge('work', 'pause')],
    });
    const workflowIds: string[] = [];
    for (let i = 0; i < 14; i++) {
      const definition = randomWorkflow(rng, `Truth ${i}`, child.workflowId);
      workflowIds.push((await publish(actor, definition)).workflowId);
    }
    // A run that will surely be waiting when a user cancels it.
    const waiter = await publish(actor, {
      name: 'Truth waiter',
      nodes: [
        node('start', 'manual'),
        node('wait', 'delay', { ms: 60_000 }),
        node('sub', 'subWorkflow', { workflowId: child.workflowId, input: {} }),
        node('slow', 'code', { code: 'return 2;' }),
      ],
      edges: [edge('start', 'wait'), edge('start', 'sub'), edge('start', 'slow')],
    });

    const first = await spawnOne();
    await spawnOne();
    const runIds: string[] = [];
    for (const workflowId of workflowIds) {
      for (let k = 0; k < 2; k++) runIds.push((await startRun(actor, workflowId)).runId);
    }
    const cancelled = [];
    for (let k = 0; k < 3; k++) cancelled.push((await startRun(actor, waiter.workflowId)).runId);
    runIds.push(...cancelled);

    await new Promise((r) => setTimeout(r, 300));
    await first.kill('SIGKILL');
    await spawnOne();
    for (const runId of cancelled) await cancelRun(db, webRuntime(), actor, runId);

    await waitUntil(
      'every run to finish',
      async () =>
        (await db.run.count({
          where: { id: { in: runIds }, status: { in: ['queued', 'running', 'waiting'] } },
        })) === 0,
      60_000,
      100,
    );
    const problems: string[] = [];
    const children = await db.run.findMany({
      where: { parentRunId: { in: runIds } },
      select: { id: true },
    });
    for (const runId of [...runIds, ...children.map((c) => c.id)]) {
      for (const problem of disagreements(await snapshot(runId))) {
        problems.push(`${runId}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    // The cancelled runs' waiting attempts ended as their state did.
    const waits = await db.stepRun.findMany({
      where: { runId: { in: cancelled }, nodeId: 'wait' },
      select: { status: true },
    });
    expect(waits.map((w) => w.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  }, 120_000);
});
