import { NextRequest } from 'next/server';
import { formatByteLimit } from '../../engine/steps/output-size';
import { readBody } from '../webhooks/read-body';

/**
 * The request with its body read, at most `maxBytes` of it, for handlers that would parse a
 * body of any size (Auth.js reads its forms whole); else the 413 to answer. A declared
 * length over the limit is refused before a byte is read.
 */
export async function boundRequestBody(
  request: NextRequest,
  maxBytes: number,
): Promise<NextRequest | Response> {
  const body = await readBody(request, maxBytes);
  if (!body.ok) {
    return body.reason === 'tooLarge'
      ? Response.json(
          { error: { message: `Request body is over the ${formatByteLimit(maxBytes)} limit` } },
          { status: 413 },
        )
      : Response.json({ error: { message: 'Request body: could not be read' } }, { status: 400 });
  }
  return new NextRequest(request.url, {
    method: request.method,
    headers: request.headers,
    body: body.bytes,
    signal: request.signal,
  });
}
