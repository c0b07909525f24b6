import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { closeRunListener } from '@/server/events/run-listener';
import { createCredential } from '@/server/services/credentials/save-credential';
import { node, ownerActor, publish } from '@/test/runtime-fixtures';
import { handleWebhook } from './handle-webhook';
import { signBody, signRequest } from './verify-signature';

afterAll(closeRunListener);

const SECRET = 's3cret';
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const seconds = (ms: number) => String(Math.floor(ms / 1000));

let slug: string;
const pathOf = (path: string, query = '') => `/api/hooks/${slug}/${path}${query}`;

// Echo workflows: the webhook node is the only leaf, so the run output is the run input.
beforeAll(async () => {
  const actor = await ownerActor();
  slug = (await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } })).slug;
  await createCredential(db, actor, { name: 'hook_key', type: 'secret', data: { value: SECRET } });
  const echo = (name: string, params: Record<string, unknown>) =>
    publish(actor, { name, nodes: [node('hook', 'webhook', params)], edges: [] });
  await echo('Signed', { path: 'signed', secret: 'hook_key' });
  await echo('Signed by PUT', { path: 'signed', method: 'PUT', secret: 'hook_key' });
  await echo('Signed elsewhere', { path: 'signed-too', secret: 'hook_key' });
  await echo('Lenient', { path: 'lenient', secret: 'hook_key', signatureTolerance: 600 });
  await echo('Former', { path: 'former', secret: 'hook_key', acceptBodyOnlySignature: true });
});

interface Sent {
  method?: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The server's clock when it receives the request. */
  at?: number;
}

const send = ({ method = 'POST', path, headers, body, at = NOW }: Sent) =>
  handleWebhook(
    new Request(`http://localhost${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(method === 'GET' ? {} : { body: body ?? '' }),
    }),
    { now: () => at },
  );

/** A request as a sender signs it at `signedAt`. */
function signed(path: string, body: string, signedAt = NOW, method = 'POST'): Sent {
  const headers = signRequest(
    { timestamp: seconds(signedAt), method, pathAndQuery: path, body },
    SECRET,
  );
  return { method, path, headers, body };
}

async function refusal(response: Response): Promise<string> {
  expect(response.status).toBe(401);
  return ((await response.json()) as { error: { message: string } }).error.message;
}

const body = JSON.stringify({ amount: 5 });

describe('v1 webhook signatures (timestamp, method, path and query, body)', () => {
  it('accept a correctly signed request, query string included', async () => {
    const request = signed(pathOf('signed', '?order=7&x=%20y'), body);
    const response = await send(request);
    expect(response.status).toBe(200);
    const { hook } = (await response.json()) as {
      hook: { body: unknown; query: Record<string, string> };
    };
    expect(hook.body).toEqual({ amount: 5 });
    expect(hook.query).toEqual({ order: '7', x: ' y' });
  });

  it('refuse a captured request replayed after the tolerance', async () => {
    const captured = signed(pathOf('signed'), body);
    expect((await send({ ...captured, at: NOW + 299_000 })).status).toBe(200);
    expect(await refusal(await send({ ...captured, at: NOW + 301_000 }))).toBe(
      'X-MiniFlow-Timestamp: 301 s in the past, beyond the 300 s this webhook tolerates ' +
        '(a replayed request, or a clock out of sync)',
    );
  });

  it('refuse the same signature with another query string, method or path', async () => {
    const captured = signed(pathOf('signed', '?amount=5'), body);
    expect((await send(captured)).status).toBe(200);
    const mismatch = /^X-MiniFlow-Signature: does not match the request/;
    expect(
      await refusal(await send({ ...captured, path: pathOf('signed', '?amount=500') })),
    ).toMatch(mismatch);
    expect(await refusal(await send({ ...captured, path: pathOf('signed') }))).toMatch(mismatch);
    expect(await refusal(await send({ ...captured, method: 'PUT' }))).toMatch(mismatch);
    expect(
      await refusal(await send({ ...captured, path: pathOf('signed-too', '?amount=5') })),
    ).toMatch(mismatch);
    expect(await refusal(await send({ ...captured, body: '{"amount":500}' }))).toMatch(mismatch);
  });

  it('refuse clock skew beyond the tolerance either way, and take the trigger its own', async () => {
    const early = signed(pathOf('signed'), body, NOW + 400_000);
    const late = signed(pathOf('signed'), body, NOW - 400_000);
    expect(await refusal(await send(early))).toMatch(/^X-MiniFlow-Timestamp: 400 s in the future/);
    expect(await refusal(await send(late))).toMatch(/^X-MiniFlow-Timestamp: 400 s in the past/);
    expect((await send(signed(pathOf('signed'), body, NOW + 290_000))).status).toBe(200);
    expect((await send(signed(pathOf('signed'), body, NOW - 290_000))).status).toBe(200);

    const lenientEarly = signed(pathOf('lenient'), body, NOW + 400_000);
    const lenientLate = signed(pathOf('lenient'), body, NOW - 400_000);
    expect((await send(lenientEarly)).status).toBe(200);
    expect((await send(lenientLate)).status).toBe(200);
    expect(await refusal(await send(signed(pathOf('lenient'), body, NOW - 601_000)))).toMatch(
      /beyond the 600 s this webhook tolerates/,
    );
  });

  it('name the header and the problem when a part is missing or malformed', async () => {
    const good = signed(pathOf('signed'), body);
    const without = (name: string) =>
      Object.fromEntries(Object.entries(good.headers).filter(([key]) => key !== name));
    expect(
      await refusal(await send({ ...good, headers: without('x-miniflow-signature') })),
    ).toMatch(
      /^Missing X-MiniFlow-Signature header: send v1=<hex HMAC-SHA256 of "v1:<timestamp>:<METHOD>:<path\?query>:<body>">/,
    );
    expect(
      await refusal(await send({ ...good, headers: without('x-miniflow-timestamp') })),
    ).toMatch(/^Missing X-MiniFlow-Timestamp header/);
    const headers = (extra: Record<string, string>) => ({ ...good.headers, ...extra });
    expect(
      await refusal(await send({ ...good, headers: headers({ 'x-miniflow-timestamp': 'noon' }) })),
    ).toBe('X-MiniFlow-Timestamp: must be the Unix time in whole seconds');
    expect(
      await refusal(
        await send({ ...good, headers: headers({ 'x-miniflow-signature': 'v1=abc' }) }),
      ),
    ).toBe('X-MiniFlow-Signature: must be v1=<64 hex digits>');
  });
});

describe('body-only (sha256=) signatures', () => {
  it('are refused unless the trigger still accepts them, naming the v1 scheme', async () => {
    const former = { 'x-miniflow-signature': signBody(body, SECRET) };
    expect(await refusal(await send({ path: pathOf('signed'), headers: former, body }))).toMatch(
      /^X-MiniFlow-Signature: this webhook does not accept body-only \(sha256=\) signatures; send v1=/,
    );
    expect((await send({ path: pathOf('former'), headers: former, body })).status).toBe(200);
    expect(
      await refusal(await send({ path: pathOf('former'), headers: former, body: '{"amount":6}' })),
    ).toBe('X-MiniFlow-Signature: does not match the body');
  });

  it('do not stop a trigger that accepts them from checking v1 signatures', async () => {
    const v1 = signed(pathOf('former'), body);
    expect((await send(v1)).status).toBe(200);
    expect(await refusal(await send({ ...v1, at: NOW + 301_000 }))).toMatch(/in the past/);
  });
});
