/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, with quotes
 * doubled. A cell a spreadsheet would take for a formula (starting with = + - @, or a tab
 * or carriage return before one) gets a leading apostrophe, so opening an export cannot run
 * what an attacker wrote into an event.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of cells to CSV text, CRLF line ends as RFC 4180 has them. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | null>>): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
