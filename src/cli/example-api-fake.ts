import type { Http, HttpRequest, HttpResponse } from '../engine';

/**
 * A stand-in for api.example.com, the host every example calls: canned answers per method and
 * path, chosen so each example takes its interesting branches. Unknown calls fail loudly.
 * Used by examples-run.test.ts.
 */

type Route = (req: HttpRequest, url: URL) => { status?: number; body: unknown } | undefined;

export const orders = [
  {
    id: 'o1',
    status: 'pending',
    total: 30,
    region: 'EU',
    customer: { email: 'ann@example.com' },
    lines: [{ sku: 'A', price: 10, quantity: 3 }],
  },
  {
    id: 'o2',
    status: 'pending',
    total: 12.5,
    region: 'US',
    customer: { email: 'bob@example.com' },
    lines: [{ sku: 'OUT', price: 12.5, quantity: 1 }],
  },
];

/** api.example.com: method + path pattern -> canned answer. Unknown calls fail loudly. */
const routes: [string, RegExp, Route][] = [
  ['GET', /^\/shop\/orders$/, () => ({ body: { orders } })],
  ['POST', /^\/chat\/channels\/sales\/messages$/, () => ({ status: 201, body: { ok: true } })],
  ['GET', /^\/risk\/score$/, () => ({ body: { score: 0.2 } })],
  [
    'POST',
    /^\/payments\/charges$/,
    (req) =>
      (JSON.parse(req.body ?? '{}') as { token?: string }).token === 'declined-card'
        ? { status: 402, body: { error: 'card_declined' } }
        : { status: 201, body: { id: 'ch_1' } },
  ],
  ['POST', /^\/approvals$/, () => ({ status: 201, body: { id: 'ap_1' } })],
  ['PATCH', /^\/expenses\/[^/]+$/, () => ({ body: { ok: true } })],
  ['GET', /^\/customers\/c1$/, () => ({ body: { name: 'Ann' } })],
  ['GET', /^\/orders$/, () => ({ body: { orders } })],
  ['GET', /^\/support\/tickets$/, () => ({ body: { tickets: [{ id: 1 }] } })],
  [
    'POST',
    /^\/warehouse\/reservations$/,
    (req) =>
      req.body?.includes('"OUT"')
        ? { status: 409, body: { error: 'out_of_stock' } }
        : { status: 201, body: { id: 'res_1' } },
  ],
  ['POST', /^\/shipping\/shipments$/, () => ({ status: 201, body: { trackingNumber: 'TRK1' } })],
  ['GET', /^\/warehouse\/stock$/, () => flakyStock()],
  ['PUT', /^\/shop\/inventory$/, () => ({ body: { ok: true } })],
  ['POST', /^\/billing\/invoices$/, () => ({ status: 201, body: { number: 'INV-7' } })],
  ['POST', /^\/oncall\/pages$/, () => ({ status: 201, body: { ok: true } })],
  ['POST', /^\/helpdesk\/queues\/billing\/tickets$/, () => ({ status: 201, body: {} })],
  ['GET', /^\/helpdesk\/tickets\/[^/]+$/, () => ({ body: { state: 'open' } })],
  [
    'GET',
    /^\/crm\/v1\/customers\/[^/]+$/,
    (_req, url) =>
      url.pathname.endsWith('/42')
        ? { body: { id: 42, firstName: 'Ada', lastName: 'Lovelace' } }
        : { status: 404, body: { error: 'not_found' } },
  ],
];

let stockCalls = 0;
export function resetFlakyStock(): void {
  stockCalls = 0;
}

/** Fails the first time, so retry-flaky-http shows a retry actually happening. */
function flakyStock() {
  stockCalls += 1;
  if (stockCalls === 1) return { status: 503, body: 'busy' };
  return {
    body: {
      items: [
        { sku: 'A', onHand: 5, lastSynced: 4 },
        { sku: 'B', onHand: 1, lastSynced: 1 },
      ],
    },
  };
}

export const fakeApi: Http = {
  async request(req): Promise<HttpResponse> {
    const url = new URL(req.url);
    if (url.hostname !== 'api.example.com') throw new Error(`Unexpected host ${url.hostname}`);
    for (const [method, pattern, route] of routes) {
      if (method !== req.method || !pattern.test(url.pathname)) continue;
      const answer = route(req, url);
      if (answer) {
        const headers = { 'content-type': 'application/json' };
        return { status: answer.status ?? 200, headers, body: answer.body };
      }
    }
    throw new Error(`No canned response for ${req.method} ${req.url}`);
  },
};
