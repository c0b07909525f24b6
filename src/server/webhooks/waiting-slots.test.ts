import { describe, expect, it } from 'vitest';
import { WaitingSlots } from './waiting-slots';

describe('WaitingSlots', () => {
  it('gives each workspace its own slots up to the limit, and takes a release once', () => {
    const slots = new WaitingSlots();
    const first = slots.take('a', 2);
    const second = slots.take('a', 2);
    expect(first && second).toBeTruthy();
    expect(slots.take('a', 2)).toBeUndefined();
    expect(slots.take('b', 2)).toBeTruthy();
    first!();
    first!();
    expect(slots.waiting('a')).toBe(1);
    expect(slots.take('a', 2)).toBeTruthy();
    expect(slots.take('a', 2)).toBeUndefined();
  });
});
