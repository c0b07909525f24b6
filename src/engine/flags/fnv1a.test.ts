import { describe, expect, it } from 'vitest';
import { compileFlagSet } from './evaluate-flag';
import { flagSchema } from './flag.schema';
import { bucketOf, fnv1a32, pickByWeight } from './fnv1a';

function rolloutFlag(on: number) {
  return flagSchema.parse({
    key: 'rollout',
    kind: 'boolean',
    enabled: true,
    variants: { on: true, off: false },
    defaultVariant: 'off',
    rules: [{ serve: { rollout: { on, off: 100 - on } } }],
  });
}

const keys = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);

describe('sticky bucketing', () => {
  it('is FNV-1a 32-bit as GrowthBook v2 hashes', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fnv1a32('test')).toBe(0xafd071e5);
    expect(bucketOf('', 'a')).toBe((fnv1a32(String(0xe40c292c)) % 10000) / 10000);
  });

  it('gives the same variant to the same context every time', () => {
    const a = compileFlagSet([rolloutFlag(50)]);
    const b = compileFlagSet([rolloutFlag(50)]);
    for (const key of keys.slice(0, 1000)) {
      expect(a.evaluate('rollout', { targetingKey: key }).variant).toBe(
        b.evaluate('rollout', { targetingKey: key }).variant,
      );
    }
  });

  it('raising a rollout from 10 % to 20 % only adds contexts', () => {
    const at10 = compileFlagSet([rolloutFlag(10)]);
    const at20 = compileFlagSet([rolloutFlag(20)]);
    let on10 = 0;
    let on20 = 0;
    for (const key of keys) {
      const before = at10.evaluate('rollout', { targetingKey: key }).variant === 'on';
      const after = at20.evaluate('rollout', { targetingKey: key }).variant === 'on';
      if (before) expect(after, key).toBe(true);
      on10 += before ? 1 : 0;
      on20 += after ? 1 : 0;
    }
    expect(on10 / keys.length).toBeCloseTo(0.1, 1);
    expect(on20 / keys.length).toBeCloseTo(0.2, 1);
  });

  it('splits 100,000 keys 50/50 within 1 %', () => {
    const set = compileFlagSet([rolloutFlag(50)]);
    const on = keys.filter(
      (key) => set.evaluate('rollout', { targetingKey: key }).variant === 'on',
    ).length;
    expect(Math.abs(on / keys.length - 0.5)).toBeLessThan(0.01);
  });

  it('buckets differently per flag key, so two rollouts are independent', () => {
    const same = keys
      .slice(0, 10_000)
      .filter((k) => bucketOf('a', k) < 0.5 === bucketOf('b', k) < 0.5).length;
    expect(Math.abs(same / 10_000 - 0.5)).toBeLessThan(0.02);
  });

  it('picks by cumulative weight and skips zero weights', () => {
    const entries = [
      { name: 'a', weight: 0 },
      { name: 'b', weight: 25 },
      { name: 'c', weight: 75 },
    ];
    expect(pickByWeight(entries, 0)?.name).toBe('b');
    expect(pickByWeight(entries, 0.2499)?.name).toBe('b');
    expect(pickByWeight(entries, 0.25)?.name).toBe('c');
    expect(pickByWeight(entries, 0.9999)?.name).toBe('c');
    expect(pickByWeight([{ weight: 0 }], 0.5)).toBeUndefined();
  });
});
