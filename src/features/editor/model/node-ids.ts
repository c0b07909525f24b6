import { NODE_ID_PATTERN } from '@/engine';

/** A node id based on `base` that is not in `taken`: `set`, then `set_2`, `set_3`… */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  let stem = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/_\d+$/, '');
  if (!NODE_ID_PATTERN.test(stem)) stem = `n_${stem}`;
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) {
    const id = `${stem}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** A node name based on `base` not used by another node: `Set Fields`, `Set Fields 2`… */
export function uniqueNodeName(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/ \d+$/, '');
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) {
    const name = `${stem} ${i}`;
    if (!taken.has(name)) return name;
  }
}
