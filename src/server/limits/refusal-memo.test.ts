import { describe, expect, it } from 'vitest';
import { RefusalMemo } from './refusal-memo';

describe('refusal memo', () => {
  it('refuses a key until the moment the database named, then forgets it', () => {
    let now = 1_000;
    const memo = new RefusalMemo(() => now);
    expect(memo.refusedFor('k')).toBeUndefined();
    memo.remember('k', 250);
    now += 100;
    expect(memo.refusedFor('k')).toBe(150);
    expect(memo.refusedFor('other')).toBeUndefined();
    now += 150;
    expect(memo.refusedFor('k')).toBeUndefined();
  });
});
