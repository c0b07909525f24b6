import { maskSecrets, type Secrets } from '@/engine';
import { AppError, type AppErrorCode } from '../errors';
import { logger } from '../logger';
import { FairTurns } from '../limits/fair-turns';
import { databaseUnavailable } from '../http/database-unavailable';
import { workspaceMasking } from '../masking/workspace-masking';
import { workspaceSecrets } from '../secrets/workspace-secrets';
import type { RuntimeContext } from '../runtime/runtime-context';
import { pgSql } from '../runtime/sql';
import { webRuntime } from '../runtime/web-runtime';
import {
  findWebhook,
  hookTargetFromUrl,
  type HookLookup,
  type HookTarget,
  type MatchedWebhook,
} from './find-webhook';
import { requireSignature } from './require-signature';
import {
  awaitRunResult,
  isReady,
  readRunResult,
  resultFromState,
  type AnswerPoint,
} from './run-result';
import {
  startWebhookRun,
  startWebhookRunWithoutLock,
  type StartedWebhookRun,
} from './start-webhook-run';
import { admitWebhookRequest } from './limit-webhook';
import { rememberHookRefusal } from './known-hook-refusals';
import { WaitingSlots } from './waiting-slots';
import { WebhookCache } from './webhook-cache';
import { fromFetchRequest, type WebhookRequest } from './webhook-request';
import { webhookLimits, type WebhookLimits } from './webhook-config';
import { buildWebhookInput } from './webhook-input';
import {
  errorResponse,
  isolateHookResponse,
  jsonResponse,
  resultResponse,
  toResponse,
  type HookAnswer,
} from './webhook-response';

export interface HandleWebhookOptions {
  /** The router's reading of the URL; parsed from `request.url` when absent. */
  target?: HookTarget;
  runtime?: RuntimeContext;
  secrets?: Secrets;
  limits?: Partial<WebhookLimits>;
  /** The clock signatures' timestamps are checked against, in milliseconds. */
  now?: () => number;
}

const MAX_IDEMPOTENCY_KEY = 200;

const APP_ERROR_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
};

const notFound = () => errorResponse(404, 'No webhook here');

/**
 * Answers `<METHOD> /api/hooks/<workspace>/<path…>`: finds the published webhook, checks
 * the body's size and signature, starts the run and answers as its response mode says.
 * Framework-free (a standard Request in, a Response out) so any HTTP server can host it.
 * Whatever fails, the caller gets `{ error: { message } }`, never a stack trace.
 */
export async function handleWebhook(
  request: Request,
  options: HandleWebhookOptions = {},
): Promise<Response> {
  return toResponse(await answerWebhook(fromFetchRequest(request), options));
}

/** `handleWebhook` for a server that writes the answer itself (Node's, in `npm start`). */
export async function answerWebhook(
  request: WebhookRequest,
  options: HandleWebhookOptions = {},
): Promise<HookAnswer> {
  return isolateHookResponse(await respondTo(request, options));
}

async function respondTo(
  request: WebhookRequest,
  options: HandleWebhookOptions,
): Promise<HookAnswer> {
  try {
    return await handle(request, options);
  } catch (error) {
    // Deliberate errors (e.g. the workflow was deleted meanwhile) say what happened.
    if (error instanceof AppError) {
      return errorResponse(APP_ERROR_STATUS[error.code], error.message);
    }
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      const { status, body, headers } = unavailable;
      return jsonResponse(status, body, headers);
    }
    // The query string may carry tokens: log the path only.
    const path = new URL(request.url).pathname;
    logger.error({ err: error, method: request.method, path }, 'Webhook failed');
    return errorResponse(500, 'Internal error while handling the webhook');
  }
}

const recentHooks = new WebhookCache();
const waiting = new WaitingSlots();
const turnsByPool = new WeakMap<RuntimeContext['pool'], FairTurns>();

/**
 * A webhook request takes a turn of its workspace's for its admission, and another from
 * when its body is read until its run has started (fair-turns.ts), so one workspace's
 * burst cannot hold up another's requests. While another workspace is active, one holds
 * at most two at once.
 *
 * There are twice as many turns as the runtime has connections: the runs started at once
 * share their statements (unlocked-saves.ts), so a turn does not hold a connection, and
 * with only as many turns as connections the batches stayed small and the connections
 * idle between them (1,450 against 1,770 runs/s in the webhook benchmark).
 */
function workspaceTurns(runtime: RuntimeContext): FairTurns {
  let turns = turnsByPool.get(runtime.pool);
  if (!turns) {
    const capacity = 2 * (runtime.pool.options.max ?? 10);
    turns = new FairTurns({
      capacity,
      shared: Math.min(2, capacity),
      reserve: Math.min(2, capacity - 1),
      activeMs: 1_000,
    });
    turnsByPool.set(runtime.pool, turns);
  }
  return turns;
}

async function handle(request: WebhookRequest, options: HandleWebhookOptions): Promise<HookAnswer> {
  const target = options.target ?? hookTargetFromUrl(request.url);
  if (!target) return notFound();
  const runtime = options.runtime ?? webRuntime();
  const method = request.method.toUpperCase();
  const key = request.headers.get('idempotency-key')?.trim() || undefined;
  // Only the optimistic start, which re-checks the webhook itself, may use a cached one.
  const cached = key ? undefined : recentHooks.get(target, method);
  const lookup = cached ?? (await findWebhook(pgSql(runtime.pool), target, method));
  if (lookup.kind !== 'found') return lookupFailed(lookup, method);
  // Runs of a workspace with quotas start in a transaction (which counts them), and those
  // always look the webhook up afresh.
  const transactional = key !== undefined || lookup.hook.hasQuotas;
  if (!transactional) recentHooks.set(target, method, lookup);
  const turns = workspaceTurns(runtime);
  const endTurn = await turns.take(lookup.hook.workspaceId);
  const admission = await admitWebhookRequest(pgSql(runtime.pool), target, lookup.hook).finally(
    endTurn,
  );
  if (admission.kind === 'refused') {
    rememberHookRefusal(method, request.url, admission.refusal);
    return admission.response;
  }
  const admitted = { target, runtime, method, key, transactional, lookup, turns };
  const response = await handleAdmitted(request, options, admitted);
  for (const [name, value] of Object.entries(admission.headers)) response.headers.set(name, value);
  return response;
}

interface Admitted {
  target: HookTarget;
  runtime: RuntimeContext;
  method: string;
  key: string | undefined;
  transactional: boolean;
  lookup: Extract<HookLookup, { kind: 'found' }>;
  turns: FairTurns;
}

async function handleAdmitted(
  request: WebhookRequest,
  options: HandleWebhookOptions,
  { target, runtime, method, key, transactional, lookup, turns }: Admitted,
): Promise<HookAnswer> {
  if (key && key.length > MAX_IDEMPOTENCY_KEY) {
    return errorResponse(400, `Idempotency-Key is longer than ${MAX_IDEMPOTENCY_KEY} characters`);
  }
  const limits = { ...webhookLimits(), ...options.limits };
  const body = await request.readBody(limits.maxBytes);
  if (!body.ok) {
    return body.reason === 'tooLarge'
      ? errorResponse(413, `Request body is larger than ${limits.maxBytes} bytes`)
      : errorResponse(400, 'Could not read the request body');
  }
  // A turn again, now that the body is here: a slow sender holds none while it sends.
  const endTurn = await turns.take(lookup.hook.workspaceId);
  try {
    const accepted = { request, target, runtime, body: body.bytes, options, limits, endTurn };
    const first = await accept(accepted, lookup.hook, transactional ? { key } : 'optimistic');
    if (first !== 'stale') return first;
    // The webhook or its workflow changed since it was found: look it up afresh.
    recentHooks.delete(target, method);
    const fresh = await findWebhook(pgSql(runtime.pool), target, method);
    if (fresh.kind !== 'found') return lookupFailed(fresh, method);
    const second = await accept(accepted, fresh.hook, {});
    if (second === 'stale') throw new Error('A transactional webhook start cannot be stale');
    return second;
  } finally {
    endTurn();
  }
}

function lookupFailed(lookup: Exclude<HookLookup, { kind: 'found' }>, method: string): HookAnswer {
  if (lookup.kind === 'notFound') return notFound();
  const allow = lookup.allow.join(', ');
  return errorResponse(405, `Method ${method} not allowed; use ${allow}`, {}, { allow });
}

interface AcceptedRequest {
  request: WebhookRequest;
  target: HookTarget;
  runtime: RuntimeContext;
  body: Uint8Array;
  options: HandleWebhookOptions;
  limits: WebhookLimits;
  /** Ends the request's workspace turn: before it waits for its run. */
  endTurn: () => void;
}

/**
 * Checks the signature, starts the run and answers. `start` is `optimistic` for the
 * one-statement start, which may find `hook` stale, else the transactional start's key.
 */
async function accept(
  accepted: AcceptedRequest,
  hook: MatchedWebhook,
  start: 'optimistic' | { key?: string },
): Promise<HookAnswer | 'stale'> {
  const { request, target, runtime, body, options } = accepted;
  if (hook.secretName) {
    const secrets =
      options.secrets ??
      workspaceSecrets(runtime.db, {
        runId: `webhook:${hook.id}`,
        workflowId: hook.workflowId,
        nodeId: hook.nodeId,
      });
    const denied = await requireSignature(
      { ...hook, secretName: hook.secretName },
      secrets,
      request,
      body,
      (options.now ?? Date.now)(),
    );
    if (denied) return denied;
  }
  const input = buildWebhookInput(request, hook.path, body);
  if (!input.ok) return errorResponse(400, input.message);
  // Masked before the run (and so its stored input) ever holds it.
  const rules = await workspaceMasking(runtime.db, hook.workspaceId);
  const runInput = maskSecrets(input.input, [], { rules });

  const run =
    start === 'optimistic'
      ? await startWebhookRunWithoutLock(runtime, target, hook, runInput)
      : await startWebhookRun(runtime, hook, runInput, start.key);
  if (!run) return 'stale';
  accepted.endTurn();
  const response = await answer(runtime, hook, run, accepted.limits, () => request.signal);
  response.headers.set('x-miniflow-run-id', run.runId);
  if (run.replayed) response.headers.set('idempotent-replayed', 'true');
  return response;
}

/** Answers per response mode; a replayed request gets the same treatment as the first. */
async function answer(
  runtime: RuntimeContext,
  hook: MatchedWebhook,
  run: StartedWebhookRun,
  limits: WebhookLimits,
  signal: () => AbortSignal,
): Promise<HookAnswer> {
  if (hook.responseMode === 'immediate') return jsonResponse(202, { runId: run.runId });
  const point: AnswerPoint = hook.responseMode === 'respondStep' ? 'respond' : 'end';
  // A run of pure steps is already over here (or has responded): no waiting at all.
  if (run.state) {
    const now = resultFromState(run.runId, run.state);
    if (isReady(now, point)) return resultResponse(now, point, hook.errorDetails);
  }
  const release = waiting.take(hook.workspaceId, limits.maxWaiting);
  if (!release) return waitingRefused(run, limits.maxWaiting);
  const result = await awaitRunResult(
    runtime.db,
    run.runId,
    point,
    limits.waitMs,
    signal(),
  ).finally(release);
  if (result) return resultResponse(result, point, hook.errorDetails);
  const current = await readRunResult(runtime.db, run.runId);
  return jsonResponse(202, { runId: run.runId, status: current?.status ?? 'running' });
}

/**
 * Past the workspace's waiting requests, the caller gets at once what it would get when
 * the wait ran out: 202 and the run id, which it can follow; the run goes on either way.
 */
function waitingRefused(run: StartedWebhookRun, maxWaiting: number): HookAnswer {
  return jsonResponse(202, {
    runId: run.runId,
    status: run.state?.status ?? 'queued',
    message:
      `Not waiting for the run: this workspace already has ${maxWaiting} webhook requests ` +
      'waiting for theirs (MINIFLOW_WEBHOOK_MAX_WAITING)',
  });
}
