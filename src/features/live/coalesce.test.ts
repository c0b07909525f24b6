import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('coalesce', () => {
  it('runs the first call at once', () => {
    const fn = vi.fn();
    coalesce(fn, 50).call();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('folds a burst into one more run at the end of the window', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 50);
    for (let i = 0; i < 20; i++) c.call();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(49);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('keeps running once per window while calls keep coming', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 50);
    for (let t = 0; t < 200; t += 10) {
      c.call();
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(5);
  });

  it('runs at once again after a quiet window', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 50);
    c.call();
    vi.advanceTimersByTime(60);
    c.call();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('drops a pending run when cancelled', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 50);
    c.call();
    c.call();
    c.cancel();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
