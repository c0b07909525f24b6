import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultRegistry,
  runInline,
  type Database,
  type DatabaseQuery,
  type InlineRunResult,
} from '../engine';
import { createMemoryPorts } from '../engine/testing/memory-ports';
import { createVirtualTime } from '../engine/testing/virtual-time';
import { IsolatedVmSandbox } from '../server/sandbox/isolated-vm-sandbox';
import { fakeApi, orders, resetFlakyStock } from './example-api-fake';
import { FolderWorkflows } from './folder-workflows';

/**
 * Every example in examples/ must actually run, not just validate: each one runs here with
 * runInline, the real code sandbox, virtual time (so retries and a 4-hour delay take no time)
 * and a fake api.example.com answering with canned responses.
 */

const examplesDir = path.resolve(import.meta.dirname, '../../examples');
const folder = new FolderWorkflows(examplesDir, defaultRegistry);
const sandbox = new IsolatedVmSandbox();
afterAll(() => sandbox.dispose());

async function runExample(
  name: string,
  input: unknown,
  extra: { database?: Database } = {},
): Promise<InlineRunResult> {
  const time = createVirtualTime(Date.UTC(2025, 0, 6, 8));
  const memory = createMemoryPorts({
    secrets: {
      SHOP_API_TOKEN: 'shop-token',
      CHAT_TOKEN: 'chat-token',
      WAREHOUSE_KEY: 'warehouse-key',
      BILLING_TOKEN: 'billing-token',
      CRM_TOKEN: 'crm-token',
    },
  });
  return runInline({
    workflow: await folder.resolve(name),
    registry: defaultRegistry,
    ports: { ...memory, http: fakeApi, sandbox, clock: time.clock, timer: time.timer, ...extra },
    input,
    workflowId: name,
    // No run may still be going when the next example starts.
    awaitDetached: true,
    resolveWorkflow: (id) => folder.resolve(id),
  });
}

/** The steps that did not succeed or get skipped, with their errors: the useful failure message. */
function problems(result: InlineRunResult) {
  return Object.entries(result.steps)
    .filter(([, s]) => s.status !== 'succeeded' && s.status !== 'skipped')
    .map(([id, s]) => ({ id, status: s.status, error: s.error?.message }));
}

function expectSucceeded(result: InlineRunResult) {
  expect({ status: result.status, problems: problems(result) }).toEqual({
    status: 'succeeded',
    problems: [],
  });
}

const covered = new Set<string>();
const example = (name: string, title: string, fn: () => Promise<void>) => {
  covered.add(name);
  it(`${name}: ${title}`, fn);
};

describe('every example runs', () => {
  example('daily-sales-report', 'totals the orders and posts them', async () => {
    const result = await runExample('daily-sales-report', {});
    expectSucceeded(result);
    expect(result.steps.totals?.output).toEqual({
      orderCount: 2,
      revenue: 42.5,
      byRegion: { EU: 30, US: 12.5 },
    });
  });

  example('error-handling', 'charges the card and answers 200', async () => {
    const body = { email: 'a@b.c', orderId: 'o1', amount: 10, cardToken: 'tok' };
    const result = await runExample('error-handling', { body });
    expectSucceeded(result);
    expect(result.output).toMatchObject({ status: 200, body: { chargeId: 'ch_1' } });
  });

  example('error-handling', 'answers 402 and fails the run when the charge fails', async () => {
    const body = { email: 'a@b.c', orderId: 'o9', amount: 10, cardToken: 'declined-card' };
    const result = await runExample('error-handling', { body });
    expect(result.status).toBe('failed');
    expect(result.error?.nodeId).toBe('stop');
    expect(result.steps.declined?.output).toMatchObject({ status: 402 });
    expect(result.steps.paid?.status).toBe('skipped');
  });

  example('expense-approval', 'auto-approves small expenses', async () => {
    const body = { id: 'e1', amount: 120, category: 'meals', currency: 'EUR' };
    const result = await runExample('expense-approval', { body });
    expectSucceeded(result);
    expect(result.steps.decision?.output).toMatchObject({ status: 'approved', amount: 120 });
  });

  example('expense-approval', 'asks the manager above the limit', async () => {
    const body = { id: 'e2', amount: 900, category: 'meals', managerEmail: 'm@x', employee: 'E' };
    const result = await runExample('expense-approval', { body });
    expectSucceeded(result);
    expect(result.steps.pending?.output).toEqual({
      status: 'pending_approval',
      approvalId: 'ap_1',
    });
  });

  example('fan-out-fan-in', 'joins three calls into a dashboard', async () => {
    const result = await runExample('fan-out-fan-in', { customerId: 'c1' });
    expectSucceeded(result);
    expect(result.steps.dashboard?.output).toEqual({
      name: 'Ann',
      lifetimeValue: 42.5,
      orderCount: 2,
      openTickets: 1,
      atRisk: false,
    });
  });

  example('for-each-orders', 'processes each order in a child run', async () => {
    const result = await runExample('for-each-orders', {});
    expectSucceeded(result);
    expect(result.steps.eachOrder?.output).toHaveLength(2);
    expect(result.steps.summary?.output).toMatchObject({ processed: 2 });
  });

  // A child run's output is its leaf outputs keyed by id (no respond step): the parents read
  // `steps.eachOrder.result` and `steps.invoice.result`, `result` being each child's one leaf.
  it('for-each-orders: the summary sees each child result', async () => {
    const result = await runExample('for-each-orders', {});
    expectSucceeded(result);
    expect(result.steps.eachOrder?.output).toEqual([
      { result: { orderId: 'o1', status: 'shipped', tracking: 'TRK1' } },
      { result: { orderId: 'o2', status: 'backordered' } },
    ]);
    expect(result.steps.summary?.output).toEqual({
      processed: 2,
      shipped: 1,
      backordered: 'o2',
    });
  });

  example('order-with-invoice', 'sends the invoice through a sub-workflow', async () => {
    const body = { id: 'o1', customer: { name: 'Ann' }, items: [{ price: 10, quantity: 2 }] };
    const result = await runExample('order-with-invoice', { body });
    expectSucceeded(result);
    expect(result.steps.invoice?.output).toEqual({
      result: { invoiceNumber: 'INV-7', gross: 23.8 },
    });
  });

  it('order-with-invoice: the log line names the invoice', async () => {
    const body = { id: 'o1', customer: { name: 'Ann' }, items: [{ price: 10, quantity: 2 }] };
    const result = await runExample('order-with-invoice', { body });
    expectSucceeded(result);
    expect(result.steps.log?.output).toMatchObject({
      message: 'Invoice INV-7 sent for order o1',
    });
    // The fire-and-forget audit child ran to the end too.
    expect(result.detached).toEqual([
      {
        runId: 'inline-run/audit[0]',
        nodeId: 'audit',
        index: 0,
        workflowId: 'send-invoice',
        status: 'succeeded',
      },
    ]);
  });

  example('process-order', 'ships an order in stock', async () => {
    const result = await runExample('process-order', { orderId: 'o1', lines: orders[0]!.lines });
    expectSucceeded(result);
    expect(result.steps.result?.output).toEqual({
      orderId: 'o1',
      status: 'shipped',
      tracking: 'TRK1',
    });
  });

  example('retry-flaky-http', 'retries the flaky call and pushes changed items', async () => {
    resetFlakyStock();
    const result = await runExample('retry-flaky-http', {});
    expectSucceeded(result);
    expect(result.steps.fetchStock?.attempts).toBe(2);
    expect(result.steps.changes?.output).toEqual([{ sku: 'A', quantity: 5 }]);
  });

  example('send-invoice', 'computes totals in the sandbox and creates the invoice', async () => {
    const input = { orderId: 'o1', lines: [{ price: 100, quantity: 1 }] };
    const result = await runExample('send-invoice', input);
    expectSucceeded(result);
    expect(result.steps.totals?.output).toMatchObject({ net: 100, vat: 19, gross: 119 });
  });

  example('ticket-routing', 'pages on-call for an outage', async () => {
    const body = { id: 't1', subject: 'Site is down', body: 'help', plan: 'pro' };
    const result = await runExample('ticket-routing', { body });
    expectSucceeded(result);
    expect(result.steps.page?.status).toBe('succeeded');
    expect(result.steps.triage?.status).toBe('skipped');
  });

  example(
    'checkout-experiment',
    'sends each customer to one price, the same one every time',
    async () => {
      const prices = new Set<number>();
      for (const customerId of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']) {
        const first = await runExample('checkout-experiment', { customerId });
        const again = await runExample('checkout-experiment', { customerId });
        expectSucceeded(first);
        const price = (s: InlineRunResult) =>
          ((s.steps.listPrice?.output ?? s.steps.discountPrice?.output) as { price: number }).price;
        expect(price(again)).toBe(price(first));
        prices.add(price(first));
      }
      expect([...prices].sort()).toEqual([100, 90].sort());
    },
  );

  example('ticket-routing', 'escalates a general ticket after the 4-hour wait', async () => {
    const body = { id: 't2', subject: 'Question', body: 'how do I export?', plan: 'pro' };
    const result = await runExample('ticket-routing', { body });
    expectSucceeded(result);
    expect(result.steps.escalate?.status).toBe('succeeded');
  });

  example('webhook-http-respond', 'answers 200 for a known customer', async () => {
    const result = await runExample('webhook-http-respond', { body: { customerId: 42 } });
    expectSucceeded(result);
    expect(result.output).toMatchObject({
      status: 200,
      body: { id: 42, name: 'Ada Lovelace', tier: 'standard' },
    });
  });

  example('webhook-http-respond', 'answers 404 for an unknown customer', async () => {
    const result = await runExample('webhook-http-respond', { body: { customerId: 7 } });
    expectSucceeded(result);
    expect(result.output).toMatchObject({ status: 404 });
  });

  example('order-status-from-database', 'answers with the order row', async () => {
    const queries: DatabaseQuery[] = [];
    const database: Database = {
      query: async (query) => {
        queries.push(query);
        const row = { id: 7, status: 'shipped', updated_at: '2025-01-06T08:00:00Z' };
        return { columns: Object.keys(row), rows: [row], rowCount: 1, truncated: false };
      },
    };
    const result = await runExample(
      'order-status-from-database',
      { body: { orderId: 7 } },
      { database },
    );
    expectSucceeded(result);
    expect(queries).toMatchObject([
      { credential: 'SHOP_DB', params: [7], readOnly: true, maxRows: 1 },
    ]);
    expect(result.output).toMatchObject({ status: 200, body: { id: 7, status: 'shipped' } });
  });

  it('covers every file in examples/', () => {
    const files = readdirSync(examplesDir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.test.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });
});
