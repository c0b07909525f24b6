import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address';
import { knownSignInRefusal, SIGN_IN_PATH } from '../auth/sign-in-gate';
import { REQUEST_ID_HEADER } from '../metrics/observe-http';
import { healthAnswer } from '../services/health/health-answer';
import { answerKnownHookRefusal } from '../webhooks/known-hook-refusals';
import { HOOKS_PREFIX } from '../webhooks/serve-node-webhook';
import { RequestTurns } from './request-turns';

const HEALTH_PREFIX = '/api/health';

/**
 * Answers `npm start`'s server gives before the app's framework sees the request, because
 * they must stay cheap however busy the app is: the health probes of a load balancer, and
 * the refusal of a sign-in from an address this process already knows is refused (a flood
 * then costs little more than its sockets), and of a webhook request whose bucket this
 * process knows is refusing (known-hook-refusals.ts). True when the request was taken; the client
 * address must already be established (establish-client.ts).
 */
export function answerEarly(
  req: IncomingMessage,
  res: ServerResponse,
  /** Echoed in the answer's `x-request-id` header (observe-http.ts). */
  requestId: string,
): boolean {
  const pathname = req.url?.split('?', 1)[0] ?? '/';
  if (req.method === 'GET' && pathname.startsWith(HEALTH_PREFIX)) {
    if (!['/api/health', '/api/health/live', '/api/health/ready'].includes(pathname)) return false;
    void healthAnswer(pathname)
      .then((answer) => send(res, answer!.status, answer!.body, requestId))
      .catch(() => send(res, 503, { status: 'degraded' }, requestId));
    return true;
  }
  if (req.method === 'POST' && pathname === SIGN_IN_PATH) {
    const address = req.headers[CLIENT_ADDRESS_HEADER];
    const refused = knownSignInRefusal(typeof address === 'string' ? address : undefined);
    if (!refused) return false;
    res
      .writeHead(refused.status, { ...refused.headers, [REQUEST_ID_HEADER]: requestId })
      .end(refused.body);
    return true;
  }
  if (pathname.startsWith(HOOKS_PREFIX)) {
    return answerKnownHookRefusal(req, res, pathname, requestId);
  }
  return false;
}

function send(res: ServerResponse, status: number, body: object, requestId: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    [REQUEST_ID_HEADER]: requestId,
  });
  res.end(JSON.stringify(body));
}

/**
 * Sign-ins the app works on at once in this process; the rest wait their turn, unread. Each
 * costs the event loop tens of milliseconds besides its password hash (which takes turns
 * too: password.ts), so the burst an address may send (sign-in-gate.ts) let through at once
 * would hold up every other request for a third of a second.
 */
const signInTurns = new RequestTurns(2, 50, 'sign-ins');

/** Hands the request to the app, a sign-in when its turn comes (request-turns.ts). */
export function toAppInTurn(req: IncomingMessage, res: ServerResponse, toApp: () => void): void {
  if (req.method === 'POST' && req.url?.split('?', 1)[0] === SIGN_IN_PATH) {
    signInTurns.enter(res, toApp);
  } else toApp();
}
