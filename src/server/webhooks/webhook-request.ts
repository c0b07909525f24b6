import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type BodyResult } from './read-body';

/** The headers a webhook reads: what `Headers` offers, so a fetch Request fits as it is. */
export interface WebhookHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/**
 * A webhook request as the handler reads it. Node's requests are adapted without building a
 * fetch Request, a web stream and a Headers object for each: on the hottest path of the
 * product those cost more than the rest of reading the request.
 */
export interface WebhookRequest {
  /** Absolute URL, query string included. */
  readonly url: string;
  readonly method: string;
  readonly headers: WebhookHeaders;
  /** Reads the body up to `maxBytes`, refusing it as soon as it passes. */
  readBody(maxBytes: number): Promise<BodyResult>;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

export function fromFetchRequest(request: Request): WebhookRequest {
  return {
    url: request.url,
    method: request.method,
    headers: request.headers,
    readBody: (maxBytes) => readBody(request, maxBytes),
    signal: request.signal,
  };
}

class NodeHeaders implements WebhookHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of Object.entries(this.raw)) {
      if (value !== undefined) callback(Array.isArray(value) ? value.join(', ') : value, name);
    }
  }
}

const tooLarge: BodyResult = { ok: false, reason: 'tooLarge' };
const unreadable: BodyResult = { ok: false, reason: 'unreadable' };

/**
 * Reads a Node request body up to `maxBytes`. Past it, reading stops and the connection is
 * closed once the refusal is sent, so the rest of an oversized body is never taken in.
 */
function readNodeBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<BodyResult> {
  const refuse = () => {
    res.shouldKeepAlive = false;
    req.pause();
    return tooLarge;
  };
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(refuse());
  if (req.readableEnded) return Promise.resolve({ ok: true, bytes: new Uint8Array(0) });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onFailure);
      req.off('close', onFailure);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) settle(refuse());
      else chunks.push(chunk);
    };
    const onEnd = () => {
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      settle({ ok: true, bytes });
    };
    // The client went away, or sent a broken chunked body.
    const onFailure = () => settle(unreadable);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFailure);
    req.on('close', onFailure);
  });
}

export function fromNodeRequest(req: IncomingMessage, res: ServerResponse): WebhookRequest {
  let controller: AbortController | undefined;
  return {
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    method: req.method ?? 'GET',
    headers: new NodeHeaders(req.headers),
    readBody: (maxBytes) =>
      req.method === 'GET' || req.method === 'HEAD'
        ? Promise.resolve({ ok: true, bytes: new Uint8Array(0) })
        : readNodeBody(req, res, maxBytes),
    // Made only for requests that wait for their run: most never need one.
    get signal() {
      if (!controller) {
        const made = new AbortController();
        controller = made;
        res.once('close', () => {
          if (!res.writableFinished) made.abort();
        });
      }
      return controller.signal;
    },
  };
}
