export interface KeyValueRow {
  key: string;
  value: string;
}

/** Rows for the editor from a `{ key: value }` record or a `[{ key, value }]` list. */
export function toRows(value: unknown): KeyValueRow[] {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const row = (item ?? {}) as Partial<KeyValueRow>;
      return { key: String(row.key ?? ''), value: String(row.value ?? '') };
    });
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, v]) => ({
      key,
      value: typeof v === 'string' ? v : JSON.stringify(v),
    }));
  }
  return [];
}

/**
 * The param value for the rows. A record cannot hold two equal keys or an empty one, so
 * such rows are reported instead of silently merged.
 */
export function fromRows(
  rows: readonly KeyValueRow[],
  shape: 'record' | 'pairs',
): { value: unknown; error?: string } {
  if (shape === 'pairs') return { value: rows.map((r) => ({ key: r.key, value: r.value })) };
  const record: Record<string, string> = {};
  for (const [i, row] of rows.entries()) {
    if (row.key.trim() === '') return { value: record, error: `Row ${i + 1}: the name is empty` };
    if (row.key in record) return { value: record, error: `"${row.key}" appears twice` };
    record[row.key] = row.value;
  }
  return { value: record };
}
