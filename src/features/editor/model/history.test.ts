import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, COALESCE_MS, commit, createHistory, redo, undo } from './history';

describe('undo history', () => {
  it('undoes and redoes edits in order', () => {
    let h = createHistory('a');
    h = commit(h, 'b', { now: 0 });
    h = commit(h, 'c', { now: 10 });
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('drops the redo branch on a new edit', () => {
    let h = commit(createHistory('a'), 'b', { now: 0 });
    h = commit(undo(h), 'x', { now: 5 });
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('a');
  });

  it('coalesces edits with the same key made in quick succession', () => {
    let h = createHistory('');
    h = commit(h, 'h', { coalesceKey: 'name', now: 0 });
    h = commit(h, 'he', { coalesceKey: 'name', now: 200 });
    h = commit(h, 'hey', { coalesceKey: 'name', now: 400 });
    expect(h.past).toEqual(['']);
    expect(undo(h).present).toBe('');
  });

  it('starts a new entry after a pause, a different key or an undo', () => {
    let h = commit(createHistory(0), 1, { coalesceKey: 'k', now: 0 });
    h = commit(h, 2, { coalesceKey: 'k', now: COALESCE_MS + 1 });
    expect(h.past).toEqual([0, 1]);
    h = commit(h, 3, { coalesceKey: 'other', now: COALESCE_MS + 2 });
    expect(h.past).toEqual([0, 1, 2]);
    h = commit(undo(h), 4, { coalesceKey: 'other', now: COALESCE_MS + 3 });
    expect(h.past).toEqual([0, 1, 2]);
    expect(h.present).toBe(4);
  });

  it('ignores a commit of the present value', () => {
    const h = createHistory({ a: 1 });
    expect(commit(h, h.present, { now: 0 })).toBe(h);
  });
});
