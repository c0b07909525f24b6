import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditBatcher } from './edit-batcher';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('EditBatcher', () => {
  it('reports typing once per pause, with the latest value', () => {
    const report = vi.fn();
    const batcher = new EditBatcher<string>(300);
    batcher.edit('h', report, 'typing');
    vi.advanceTimersByTime(200);
    batcher.edit('he', report, 'typing');
    vi.advanceTimersByTime(200);
    batcher.edit('hey', report, 'typing');
    expect(report).not.toHaveBeenCalled();
    expect(batcher.waiting).toBe('hey');
    vi.advanceTimersByTime(300);
    expect(report.mock.calls).toEqual([['hey']]);
    expect(batcher.waiting).toBeUndefined();
  });

  it('reports waiting typing on flush (blur) and not again later', () => {
    const report = vi.fn();
    const batcher = new EditBatcher<string>(300);
    batcher.edit('a', report, 'typing');
    expect(batcher.flush()).toBe('a');
    vi.advanceTimersByTime(1000);
    expect(report.mock.calls).toEqual([['a']]);
    expect(batcher.flush()).toBeUndefined();
  });

  it('reports a discrete edit at once, folding in the typing before it', () => {
    const report = vi.fn();
    const batcher = new EditBatcher<string>(300);
    batcher.edit('typed', report, 'typing');
    batcher.edit('typed+checked', report, 'now');
    vi.advanceTimersByTime(1000);
    expect(report.mock.calls).toEqual([['typed+checked']]);
  });

  it('sends each report to the callback given with the edit', () => {
    const first = vi.fn();
    const second = vi.fn();
    const batcher = new EditBatcher<string>(300);
    batcher.edit('for first', first, 'typing');
    batcher.flush();
    batcher.edit('for second', second, 'now');
    expect(first.mock.calls).toEqual([['for first']]);
    expect(second.mock.calls).toEqual([['for second']]);
  });
});
