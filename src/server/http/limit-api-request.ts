import { formatByteLimit } from '../../engine/steps/output-size';

export interface ApiRequestLimits {
  /** Largest request body, in bytes (MINIFLOW_API_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Most procedure calls in one batched request (MINIFLOW_API_MAX_BATCH). */
  maxBatch: number;
}

export type LimitedRequest =
  /** Within the limits: the same request, its body read (and bounded) once. */
  { ok: true; request: Request; body: string } | { ok: false; response: Response };

/**
 * Bounds a tRPC request before anything parses it or asks who sent it: the number of calls
 * batched in its path, its declared Content-Length, and the bytes actually streamed (a
 * chunked body has no length to trust). Reading stops one chunk past the limit, so an
 * oversized body is never held whole.
 */
export async function limitApiRequest(
  req: Request,
  limits: ApiRequestLimits,
): Promise<LimitedRequest> {
  const url = new URL(req.url);
  let procedures: string[];
  try {
    procedures = decodeURIComponent(url.pathname.split('/').pop() ?? '').split(',');
  } catch {
    return refuse(400, 'BAD_REQUEST', 'Request path: not a valid procedure name');
  }
  if (url.searchParams.has('batch') && procedures.length > limits.maxBatch) {
    return refuse(
      400,
      'BAD_REQUEST',
      `Batch of ${procedures.length} calls, over the limit of ${limits.maxBatch} per request ` +
        '(MINIFLOW_API_MAX_BATCH)',
    );
  }
  const tooLarge = () =>
    refuse(
      413,
      'PAYLOAD_TOO_LARGE',
      `Request body is over the ${formatByteLimit(limits.maxBodyBytes)} limit ` +
        '(MINIFLOW_API_MAX_BODY_BYTES)',
    );
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBodyBytes) return tooLarge();
  if (!req.body) return { ok: true, request: req, body: '' };

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  const request = new Request(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? null : bytes,
    signal: req.signal,
  });
  return { ok: true, request, body: bytes.toString('utf8') };
}

/** The shape tRPC gives its own errors, so clients report the message as usual. */
function refuse(status: number, code: string, message: string): { ok: false; response: Response } {
  return {
    ok: false,
    response: Response.json(
      { error: { json: { message, code: -32600, data: { code, httpStatus: status } } } },
      { status },
    ),
  };
}
