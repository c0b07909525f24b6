export interface KeyValueRow {
  key: string;
  value: string;
  /** The value is JSON text (a number, object… in a record of any values), not a string. */
  json?: boolean;
}

/**
 * Rows for the editor from a `{ key: value }` record or a `[{ key, value }]` list. Values that
 * are not strings are shown as JSON and read back as JSON, so editing one row of a record
 * never turns another row's number into a string.
 */
export function toRows(value: unknown): KeyValueRow[] {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const row = (item ?? {}) as Partial<Record<'key' | 'value', unknown>>;
      return { key: text(row.key), value: text(row.value) };
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, v]) =>
      typeof v === 'string' ? { key, value: v } : { key, value: JSON.stringify(v), json: true },
    );
  }
  return [];
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

/**
 * The param value for the rows. A record cannot hold two equal keys or an empty one, so
 * such rows are reported instead of silently merged.
 */
export function fromRows(
  rows: readonly KeyValueRow[],
  shape: 'record' | 'pairs',
): { value: unknown; error?: string } {
  if (shape === 'pairs') return { value: rows.map((r) => ({ key: r.key, value: r.value })) };
  const record: Record<string, unknown> = {};
  for (const [i, row] of rows.entries()) {
    if (row.key.trim() === '') return { value: record, error: `Row ${i + 1}: the name is empty` };
    if (row.key in record) return { value: record, error: `"${row.key}" appears twice` };
    if (row.json) {
      try {
        record[row.key] = JSON.parse(row.value) as unknown;
      } catch {
        return { value: record, error: `"${row.key}": the value is not valid JSON` };
      }
    } else record[row.key] = row.value;
  }
  return { value: record };
}
