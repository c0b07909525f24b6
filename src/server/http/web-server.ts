import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { ProcessEnv } from '../env';

export interface WebServerLimits {
  /** Longest a client may take to send a request's headers (slowloris). */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Connections served at once; more are refused with 503. */
  maxConnections: number;
}

/** How long a refused connection has to send the request its 503 answers. */
const REFUSAL_GRACE_MS = 1_000;

const refusedSockets = new WeakSet<Socket>();

/**
 * An HTTP server that a slow or numerous crowd of clients cannot exhaust: headers and whole
 * requests must arrive within their timeouts (checked often enough that the timeouts
 * hold), idle keep-alive connections close, and past `maxConnections` a new connection is
 * answered 503 with Retry-After and closed instead of queueing. Twice that many, Node
 * drops connections unanswered, so refusals cannot pile up either.
 */
export function createWebServer(limits: WebServerLimits, listener: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts only this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      if (refusedSockets.has(req.socket)) refuse(res, limits.maxConnections);
      else listener(req, res);
    },
  );
  server.maxConnections = limits.maxConnections * 2;
  let served = 0;
  server.on('connection', (socket: Socket) => {
    if (served >= limits.maxConnections) {
      refusedSockets.add(socket);
      socket.setTimeout(REFUSAL_GRACE_MS, () => socket.destroy());
      return;
    }
    served += 1;
    socket.once('close', () => (served -= 1));
  });
  return server;
}

function refuse(res: ServerResponse<IncomingMessage>, maxConnections: number): void {
  const body = JSON.stringify({
    error: {
      message:
        `The server is at its limit of ${maxConnections} connections ` +
        '(MINIFLOW_HTTP_MAX_CONNECTIONS); try again shortly',
    },
  });
  res.writeHead(503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'retry-after': '1',
    connection: 'close',
  });
  res.end(body);
}

/** The limits as the environment sets them (MINIFLOW_HTTP_*). */
export function webServerLimits(config: ProcessEnv): WebServerLimits {
  return {
    headersTimeoutMs: config.MINIFLOW_HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.MINIFLOW_HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.MINIFLOW_HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: config.MINIFLOW_HTTP_MAX_CONNECTIONS,
  };
}
