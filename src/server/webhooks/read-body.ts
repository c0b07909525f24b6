export type BodyResult =
  { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'tooLarge' | 'unreadable' };

const stop = (reader: { cancel(): Promise<void> }) => reader.cancel().catch(() => undefined);

/**
 * Reads a request body up to `maxBytes`, counting as it streams: an oversized body is
 * refused as soon as it passes the limit (or at once from its Content-Length), so a caller
 * cannot make the server hold more than the limit in memory.
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (request.body) await stop(request.body);
    return { ok: false, reason: 'tooLarge' };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await stop(reader);
        return { ok: false, reason: 'tooLarge' };
      }
      chunks.push(value);
    }
  } catch {
    // The client went away or sent a broken chunked body.
    return { ok: false, reason: 'unreadable' };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
