import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener, runListener } from '@/server/events/run-listener';
import { edge, node, ownerActor, publish, waitForRun, withWorker } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';

afterAll(closeRunListener);

type Mode = 'onCompletion' | 'immediate' | 'respondStep';

/** A workspace with one published webhook workflow: hook -> the given chain. */
async function hookWorkflow(
  mode: Mode,
  chain: ReturnType<typeof node>[],
  hookParams: Record<string, unknown> = {},
) {
  const actor = await ownerActor();
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  const hook = node('hook', 'webhook', {
    path: 'orders/created',
    responseMode: mode,
    ...hookParams,
  });
  const nodes = [hook, ...chain];
  const edges = nodes.slice(1).map((n, i) => edge(nodes[i]!.id, n.id));
  const { workflowId } = await publish(actor, { name: `Hook ${mode}`, nodes, edges });
  return { workflowId, url: `http://localhost/api/hooks/${ws.slug}/orders/created` };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const respond = node('respond', 'respond', {
  status: 201,
  headers: { 'x-order': '{{ input.body.id }}' },
  body: { accepted: '{{ steps.total.amount }}' },
});

const slowCode = (id: string) => node(id, 'code', { code: 'return input.body.n * 2;' });

describe('webhook response modes', () => {
  it('onCompletion: a run of pure steps answers with the respond step, without waiting', async () => {
    const { url } = await hookWorkflow('onCompletion', [
      node('total', 'set', { values: { amount: '{{ input.body.qty * 10 }}' } }),
      respond,
    ]);
    const subscribe = runListener().subscribers;
    const res = await handleWebhook(post(url, { id: 'A-1', qty: 3 }));
    expect(res.status).toBe(201);
    expect(res.headers.get('x-order')).toBe('A-1');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ accepted: 30 });
    const run = await db.run.findUniqueOrThrow({
      where: { id: res.headers.get('x-miniflow-run-id')! },
    });
    expect(run.status).toBe('succeeded');
    expect(run.trigger).toBe('webhook');
    expect(runListener().subscribers).toBe(subscribe);
  });

  it('onCompletion: answers 200 with the run output when no respond step ran', async () => {
    const { url } = await hookWorkflow('onCompletion', [
      node('total', 'set', { values: { amount: '{{ input.body.qty }}' } }),
    ]);
    const res = await handleWebhook(post(url, { qty: 7 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: { amount: 7 } });
  });

  it('onCompletion: waits through LISTEN for a step a worker runs', async () => {
    const { url } = await hookWorkflow('onCompletion', [
      slowCode('double'),
      node('respond', 'respond', { status: 200, body: { n: '{{ steps.double }}' } }),
    ]);
    await withWorker(async () => {
      const res = await handleWebhook(post(url, { n: 21 }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ n: 42 });
      const steps = await db.stepRun.findMany({
        where: { runId: res.headers.get('x-miniflow-run-id')!, nodeId: 'double' },
      });
      expect(steps.map((s) => s.status)).toEqual(['succeeded']);
    });
    expect(runListener().subscribers).toBe(0);
  });

  it('onCompletion: a failed run is a 500 with a generic message and the run id', async () => {
    const { url } = await hookWorkflow('onCompletion', [
      node('stop', 'fail', { message: 'Out of stock at db.internal:5432' }),
    ]);
    const res = await handleWebhook(post(url, {}));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string }; runId: string };
    expect(body).toEqual({
      error: { message: 'The workflow run failed' },
      runId: res.headers.get('x-miniflow-run-id'),
    });
  });

  it('onCompletion: with error messages shown to callers, a failed run names its error', async () => {
    const { url } = await hookWorkflow(
      'onCompletion',
      [node('stop', 'fail', { message: 'Out of stock' })],
      { errorDetails: true },
    );
    const res = await handleWebhook(post(url, {}));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string }; runId: string };
    expect(body.error.message).toContain('Out of stock');
    expect(body.runId).toBe(res.headers.get('x-miniflow-run-id'));
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
  });

  it('onCompletion: gives up waiting with 202 and the run id', async () => {
    const { url } = await hookWorkflow('onCompletion', [slowCode('double')]);
    const started = Date.now();
    const res = await handleWebhook(post(url, { n: 1 }), { limits: { waitMs: 300 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { runId: string; status: string };
    expect(body).toEqual({ runId: res.headers.get('x-miniflow-run-id'), status: 'running' });
    expect(runListener().subscribers).toBe(0);
  });

  it('immediate: answers 202 with the run id at once; the run goes on', async () => {
    const { url } = await hookWorkflow('immediate', [slowCode('double')]);
    const res = await handleWebhook(post(url, { n: 5 }));
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('running');
    await withWorker(async () => {
      const run = await waitForRun(runId);
      expect(run.status).toBe('succeeded');
      expect(run.output).toEqual({ double: 10 });
    });
  });

  it('respondStep: answers from an inline respond step while the run continues', async () => {
    const { url } = await hookWorkflow('respondStep', [
      node('respond', 'respond', { status: 200, body: 'queued' }),
      slowCode('later'),
    ]);
    const res = await handleWebhook(post(url, { n: 1 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('queued');
    const run = await db.run.findUniqueOrThrow({
      where: { id: res.headers.get('x-miniflow-run-id')! },
    });
    expect(run.status).toBe('running');
  });

  it('respondStep: waits for a respond step after a worker step, not for the run end', async () => {
    const { url } = await hookWorkflow('respondStep', [
      slowCode('double'),
      node('respond', 'respond', { status: 202, body: { n: '{{ steps.double }}' } }),
      node('pause', 'delay', { ms: 3_000 }),
    ]);
    await withWorker(async () => {
      const res = await handleWebhook(post(url, { n: 4 }));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ n: 8 });
      const runId = res.headers.get('x-miniflow-run-id')!;
      expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).not.toBe(
        'succeeded',
      );
      expect((await waitForRun(runId)).status).toBe('succeeded');
    });
  });

  it('respondStep: falls back to the run end when no respond step ran', async () => {
    const { url } = await hookWorkflow('respondStep', [
      node('total', 'set', { values: { ok: true } }),
    ]);
    const res = await handleWebhook(post(url, {}));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: { ok: true } });
  });
});

describe('webhook idempotency', () => {
  const runsOf = (workflowId: string) => db.run.count({ where: { workflowId } });

  it('replays the same run for a repeated Idempotency-Key', async () => {
    const { url, workflowId } = await hookWorkflow('immediate', [slowCode('double')]);
    const key = { 'idempotency-key': 'order-17' };
    const first = await handleWebhook(post(url, { n: 1 }, key));
    const second = await handleWebhook(post(url, { n: 1 }, key));
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const a = (await first.json()) as { runId: string };
    expect(await second.json()).toEqual(a);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await runsOf(workflowId)).toBe(1);
    const other = await handleWebhook(post(url, { n: 1 }, { 'idempotency-key': 'order-18' }));
    expect(((await other.json()) as { runId: string }).runId).not.toBe(a.runId);
  });

  it('replays a finished run with its answer', async () => {
    const { url, workflowId } = await hookWorkflow('onCompletion', [
      node('total', 'set', { values: { amount: '{{ input.body.qty }}' } }),
      respond,
    ]);
    const key = { 'idempotency-key': 'k1' };
    const first = await handleWebhook(post(url, { id: 'X', qty: 2 }, key));
    const second = await handleWebhook(post(url, { id: 'X', qty: 2 }, key));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get('x-miniflow-run-id')).toBe(first.headers.get('x-miniflow-run-id'));
    expect(await runsOf(workflowId)).toBe(1);
  });

  it('starts one run for concurrent requests with the same key', async () => {
    const { url, workflowId } = await hookWorkflow('onCompletion', [
      node('total', 'set', { values: { amount: 1 } }),
      respond,
    ]);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        handleWebhook(post(url, { id: 'C' }, { 'idempotency-key': 'race' })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(responses.map((r) => r.headers.get('x-miniflow-run-id'))).size).toBe(1);
    const replays = responses.filter((r) => r.headers.get('idempotent-replayed') === 'true');
    expect(replays).toHaveLength(5);
    expect(await runsOf(workflowId)).toBe(1);
  });

  it('refuses an overlong key', async () => {
    const { url, workflowId } = await hookWorkflow('immediate', [slowCode('double')]);
    const res = await handleWebhook(post(url, {}, { 'idempotency-key': 'k'.repeat(201) }));
    expect(res.status).toBe(400);
    expect(await runsOf(workflowId)).toBe(0);
  });
});
