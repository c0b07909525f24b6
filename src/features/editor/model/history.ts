/**
 * Undo/redo over immutable snapshots. Edits that carry the same `coalesceKey` within
 * `COALESCE_MS` of each other (typing in one field, nudging with arrow keys) replace the
 * newest entry instead of adding one, so one undo reverts the whole gesture.
 */

export const COALESCE_MS = 1_000;
const LIMIT = 200;

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  lastKey?: string;
  lastAt: number;
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastAt: 0 };
}

export function commit<T>(
  history: History<T>,
  next: T,
  options: { coalesceKey?: string; now: number },
): History<T> {
  if (next === history.present) return history;
  const coalesce =
    options.coalesceKey !== undefined &&
    options.coalesceKey === history.lastKey &&
    options.now - history.lastAt < COALESCE_MS;
  const past = coalesce ? history.past : [...history.past, history.present].slice(-LIMIT);
  return { past, present: next, future: [], lastKey: options.coalesceKey, lastAt: options.now };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastAt: 0,
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: rest,
    lastAt: 0,
  };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;
