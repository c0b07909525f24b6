/**
 * The bound on what one step may store: its output (and its error) as JSON. The server
 * reads the limit from MINIFLOW_STEP_OUTPUT_MAX_BYTES and hands it down through the ports;
 * the engine only knows the default.
 */

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

export const OUTPUT_LIMIT_VARIABLE = 'MINIFLOW_STEP_OUTPUT_MAX_BYTES';

/** Bytes of `text` once encoded as UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 bytes for each half.
    else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/** "1 MB", "512 KB" or "1,500 bytes": the limit as a person would set it. */
export function formatByteLimit(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (Number.isInteger(mb)) return `${mb} MB`;
  const kb = bytes / 1024;
  if (Number.isInteger(kb)) return `${kb} KB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

export function outputTooLargeMessage(bytes: number, limit: number): string {
  return (
    `Step output is ${bytes.toLocaleString('en-US')} bytes, over the ` +
    `${formatByteLimit(limit)} limit (${OUTPUT_LIMIT_VARIABLE})`
  );
}
